import {
  insertNewUser,
  insertOrganisation,
  findOrganisationByCode,
  issueApiKey,
} from '../platform/auth/accounts.service.js';
import type { OrganisationKind } from '../platform/auth/accounts.table.js';
import type { Role } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { recordAudit } from '../ledger/ledger.service.js';
import {
  organisationCodeCheckCharacter,
  residentIdCheckDigit,
  usccCheckCharacter,
} from '../registry/identifiers.js';
import type { Industry } from '../registry/registry.js';
import { insertEnterpriseUnchecked, insertPersonUnchecked } from '../registry/registry.service.js';
import { insertConsent } from '../registry/consent.service.js';
import { registerProviderCategories } from '../ingest/provider-config.service.js';
import { DEMO_SEEDED, DEMO_STAGES } from './demo-state.js';

/** The password of every demo account. Demo data is for trying xinyi out, never production. */
export const DEMO_PASSWORD = 'Xinyi-demo-2026';

const ORGANISATIONS: { code: string; kind: OrganisationKind; name: string }[] = [
  { code: 'platform', kind: 'platform', name: '信易平台运营中心' },
  { code: 'bank-a', kind: 'lender', name: '华信示范银行' },
  { code: 'bank-b', kind: 'lender', name: '江南示范农商银行' },
  { code: 'tax-bureau', kind: 'provider', name: '示范市税务局' },
  { code: 'regulator', kind: 'regulator', name: '示范市地方金融管理局' },
];

export interface DemoAccount {
  readonly role: Role;
  readonly login: string;
  readonly organisation: string | null;
  readonly description: string;
}

const STAFF: (DemoAccount & { organisation: string })[] = [
  {
    role: 'operator',
    login: 'operator',
    organisation: 'platform',
    description: '平台运营 / platform operator',
  },
  {
    role: 'regulator',
    login: 'regulator',
    organisation: 'regulator',
    description: '监管 / regulator',
  },
  {
    role: 'lender_admin',
    login: 'bank-a-admin',
    organisation: 'bank-a',
    description: '银行A管理员 / bank A admin',
  },
  {
    role: 'lender_officer',
    login: 'bank-a-officer',
    organisation: 'bank-a',
    description: '银行A信贷员 / bank A officer',
  },
  {
    role: 'lender_admin',
    login: 'bank-b-admin',
    organisation: 'bank-b',
    description: '银行B管理员 / bank B admin',
  },
  {
    role: 'lender_officer',
    login: 'bank-b-officer',
    organisation: 'bank-b',
    description: '银行B信贷员 / bank B officer',
  },
  {
    role: 'provider',
    login: 'tax-provider',
    organisation: 'tax-bureau',
    description: '数据提供方（税务）/ data provider (tax)',
  },
];

const BORROWERS: DemoAccount[] = [
  {
    role: 'borrower',
    login: 'demo-enterprise',
    organisation: null,
    description: '企业借款人 / enterprise borrower',
  },
  {
    role: 'borrower',
    login: 'demo-person',
    organisation: null,
    description: '个人借款人 / individual borrower',
  },
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [...STAFF, ...BORROWERS];

/** A valid USCC from its parts: the organisation code and final check characters are computed. */
export function buildUscc(authority: string, type: string, region: string, body8: string): string {
  const organisationCode = body8 + organisationCodeCheckCharacter(body8);
  const first17 = authority + type + region + organisationCode;
  return first17 + usccCheckCharacter(first17);
}

/** A valid resident ID from region, birth date (YYYYMMDD) and sequence number. */
export function buildResidentId(region: string, birth: string, sequence: string): string {
  const first17 = region + birth + sequence;
  return first17 + residentIdCheckDigit(first17);
}

const ENTERPRISES: { uscc: string; name: string; industry: Industry }[] = [
  {
    uscc: buildUscc('9', '1', '110108', 'MA01AB2C'),
    name: '北京智造精密机械有限公司',
    industry: 'manufacturing',
  },
  {
    uscc: buildUscc('9', '1', '330106', 'MA2CD3E4'),
    name: '杭州云栖数据科技有限公司',
    industry: 'technology',
  },
  {
    uscc: buildUscc('9', '1', '510104', 'MA6FG7H8'),
    name: '成都蜀味餐饮管理有限公司',
    industry: 'catering',
  },
  {
    uscc: buildUscc('9', '1', '440305', 'MA5JK6L7'),
    name: '深圳前海跨境贸易有限公司',
    industry: 'trade',
  },
  {
    uscc: buildUscc('9', '2', '420106', 'L1234567'),
    name: '武汉市武昌区江城快运服务部',
    industry: 'logistics',
  },
];

const PERSONS: { idNumber: string; name: string; phone: string }[] = [
  { idNumber: buildResidentId('110105', '19900307', '123'), name: '王小明', phone: '13800138000' },
  { idNumber: buildResidentId('330106', '19851212', '042'), name: '李娜', phone: '13900139000' },
  { idNumber: buildResidentId('510104', '19921130', '087'), name: '张伟', phone: '13700137000' },
];

/** The demo's registered subjects, for the generated data to be about them too. */
export const DEMO_SUBJECTS = {
  enterprises: ENTERPRISES,
  persons: PERSONS.map((p) => ({ residentId: p.idNumber, name: p.name })),
};

export interface SeedResult {
  readonly created: boolean;
  readonly providerApiKey: string | null;
}

/**
 * Seeds the demo on an empty platform, in one transaction: organisations, a user of every
 * role, enterprises and persons, two borrower accounts, and a consent from the demo person
 * to bank A. Does nothing when the platform organisation already exists. The rest of the
 * demo (data, scorecards, lending history) follows in stages, see `demo-state.ts`.
 */
export async function seedDemo(ctx: AppContext): Promise<SeedResult> {
  if (await findOrganisationByCode(ctx.db, 'platform'))
    return { created: false, providerApiKey: null };
  return ctx.db.transaction().execute(async (tx) => {
    const orgs = new Map<string, string>();
    for (const organisation of ORGANISATIONS) {
      orgs.set(organisation.code, (await insertOrganisation(tx, organisation)).id);
    }
    for (const staff of STAFF) {
      await insertNewUser(tx, {
        login: staff.login,
        password: DEMO_PASSWORD,
        displayName: staff.description,
        role: staff.role,
        organisationId: orgs.get(staff.organisation) ?? null,
      });
    }
    const enterprises = [];
    for (const enterprise of ENTERPRISES)
      enterprises.push(await insertEnterpriseUnchecked(tx, enterprise));
    const persons = [];
    for (const person of PERSONS) persons.push(await insertPersonUnchecked(ctx, tx, person));
    const [firstEnterprise] = enterprises;
    const [firstPerson] = persons;
    if (!firstEnterprise || !firstPerson) throw new Error('demo data is empty');
    await insertNewUser(tx, {
      login: 'demo-enterprise',
      password: DEMO_PASSWORD,
      displayName: firstEnterprise.name,
      role: 'borrower',
      organisationId: null,
      subject: { kind: 'enterprise', id: firstEnterprise.id },
    });
    const personUser = await insertNewUser(tx, {
      login: 'demo-person',
      password: DEMO_PASSWORD,
      displayName: firstPerson.name,
      role: 'borrower',
      organisationId: null,
      subject: { kind: 'person', id: firstPerson.id },
    });
    const now = ctx.now();
    await insertConsent(tx, {
      subject: { kind: 'person', id: firstPerson.id },
      granteeOrganisationId: orgs.get('bank-a') ?? '',
      categories: ['identity', 'social_security', 'tax'],
      purpose: 'credit_assessment',
      grantedBy: personUser.id,
      grantedAt: now,
      expiresAt: new Date(now.getTime() + 365 * 86_400_000),
    });
    await registerProviderCategories(tx, orgs.get('tax-bureau') ?? '', ['tax']);
    const { key } = await issueApiKey(tx, orgs.get('tax-bureau') ?? '', 'demo key', null);
    // The stages that follow are recorded one by one as they finish (see demo-state.ts).
    await recordAudit(tx, {
      actor: 'system',
      action: DEMO_SEEDED,
      detail: { stages: DEMO_STAGES },
    });
    return { created: true, providerApiKey: key };
  });
}
