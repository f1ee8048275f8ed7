/**
 * Canonical records of the monthly categories (tax, social security, housing fund, customs,
 * utilities, credit bureau, self-reported), built from the simulated world. Values are in
 * canonical form: money as integer fen, periods `YYYY-MM`, enum values in our own words; the
 * provider writers turn them into each provider's shape.
 */
import type { Industry } from '../../registry/registry.js';
import { monthNumber, monthOfDay, periodText, yearOfMonth } from './calendar.js';
import { enterpriseSignals } from './default-process.js';
import { clamp, type Rng } from './prng.js';
import type { Enterprise, Person, Window } from './subjects.js';
import { enterpriseStress, isActive, type World } from './world.js';

/** A canonical value: money and counts as numbers (fen), dates and periods as ISO text. */
export type CanonicalValue = string | number | boolean | undefined;
export type CanonicalRecord = Record<string, CanonicalValue>;

/** Stable sort by a text field (periods and ISO dates sort as text). */
export function sortByText(records: CanonicalRecord[], field: string): CanonicalRecord[] {
  return records.sort((a, b) => {
    const x = String(a[field]);
    const y = String(b[field]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const period = (window: Window, t: number) => periodText(window.start + t);
const yuan = (value: number) => Math.round(value) * 100;

const TAX_RATE: Readonly<Record<Industry, number>> = {
  manufacturing: 0.03,
  services: 0.035,
  technology: 0.04,
  trade: 0.012,
  catering: 0.02,
  construction: 0.03,
  agriculture: 0.005,
  logistics: 0.02,
  other: 0.025,
};
const AVERAGE_INVOICE: Readonly<Record<Industry, number>> = {
  manufacturing: 30_000,
  services: 5_000,
  technology: 20_000,
  trade: 15_000,
  catering: 300,
  construction: 80_000,
  agriculture: 5_000,
  logistics: 3_000,
  other: 8_000,
};

/** The tax credit rating (纳税信用等级) published in April for the previous year. */
function taxRating(rng: Rng, enterprise: Enterprise, world: World, t: number): string | undefined {
  if (enterprise.individual) return undefined;
  const month = world.window.start + t;
  const ratedYear = yearOfMonth(month) - (monthNumber(month) < 4 ? 2 : 1);
  const ratedT = ratedYear * 12 + 5 - world.window.start;
  // Rated in its first year: M (新设立).
  if (ratedT < monthOfDay(enterprise.establishedOn) - world.window.start) return 'M';
  const r = rng.fork(`tax-rating/${enterprise.index}/${ratedYear}`);
  const z = enterpriseStress(enterprise, ratedT, world.window) + 0.5 * r.normal();
  return z > 3 ? 'D' : z > 2 ? 'C' : z > 0.3 ? 'B' : 'A';
}

export function taxRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`tax/${enterprise.index}`);
    const revenue = world.revenueFen[enterprise.index];
    if (revenue === undefined) continue;
    let arrears = 0;
    const rate = enterprise.individual ? 0.01 : TAX_RATE[enterprise.industry];
    const invoiced = enterprise.individual ? 0.4 : enterprise.industry === 'catering' ? 0.55 : 0.9;
    const averageInvoice = AVERAGE_INVOICE[enterprise.industry] / (enterprise.individual ? 5 : 1);
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      const stress = enterpriseStress(enterprise, t, world.window);
      const revenueFen = revenue[t] ?? 0;
      const due = Math.round(revenueFen * rate * r.uniform(0.85, 1.15));
      let paid = due;
      if (arrears > 0 && r.chance(enterpriseSignals.taxRepayment(stress))) {
        paid += arrears;
        arrears = 0;
      }
      if (due > 0 && r.chance(enterpriseSignals.taxArrears(stress))) {
        const unpaid = Math.round(due * r.uniform(0.4, 1));
        paid -= unpaid;
        arrears += unpaid;
      }
      const invoiceAmount =
        Math.round((revenueFen * clamp(invoiced + 0.08 * r.normal(), 0.1, 1)) / 100) * 100;
      records.push({
        uscc: enterprise.uscc,
        period: period(world.window, t),
        taxable_revenue: revenueFen,
        tax_paid: Math.max(0, paid),
        invoice_count: Math.round(invoiceAmount / 100 / averageInvoice / r.uniform(0.7, 1.3)),
        invoice_amount: invoiceAmount,
        arrears,
        credit_rating: taxRating(r, enterprise, world, t),
      });
    }
  }
  return sortByText(records, 'period');
}

/** The contribution base (缴费基数) in fen: salary within the year's floor and ceiling. */
function contributionBase(person: Person, employer: Enterprise, window: Window, t: number): number {
  const years = yearOfMonth(window.start + t) - 2022;
  const floor = 3_800 * 1.05 ** years;
  const ceiling = 30_000 * 1.05 ** years;
  const salary = employer.salaryMedian * person.salaryFactor * 1.04 ** (t / 12);
  return yuan(clamp(salary, floor, ceiling));
}

export function socialSecurityRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const person of world.persons) {
    const r = rng.fork(`social-security/${person.index}`);
    const months = world.employment[person.index];
    if (months === undefined) continue;
    for (let t = 0; t < world.window.months; t++) {
      const employer = world.enterprises[months[t] ?? -1];
      if (employer === undefined) continue;
      const base = contributionBase(person, employer, world.window, t);
      const due = Math.round(base * 0.345);
      let status = 'paid';
      let paid = due;
      if (world.contributionGap[employer.index]?.[t] === 1) {
        status = 'arrears';
        paid = r.chance(0.6) ? 0 : Math.round(due * r.uniform(0.2, 0.8));
      } else if (r.chance(0.004)) {
        status = 'suspended';
        paid = 0;
      }
      records.push({
        resident_id: person.residentId,
        period: period(world.window, t),
        employer_uscc: employer.uscc,
        contribution_base: base,
        paid,
        status,
        city: employer.place.cityCode,
      });
    }
  }
  return sortByText(records, 'period');
}

export function housingFundRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  const rates = world.enterprises.map((enterprise) =>
    rng.fork(`housing-fund-rate/${enterprise.index}`).pick([0.05, 0.07, 0.08, 0.1, 0.12]),
  );
  for (const person of world.persons) {
    const r = rng.fork(`housing-fund/${person.index}`);
    const months = world.employment[person.index];
    if (months === undefined) continue;
    let last: { employer: Enterprise; base: number } | undefined;
    let sealedFor = 0;
    for (let t = 0; t < world.window.months; t++) {
      const employer = world.enterprises[months[t] ?? -1];
      if (employer?.housingFund === true) {
        const base = contributionBase(person, employer, world.window, t);
        const rate = rates[employer.index] ?? 0.05;
        const gap = world.contributionGap[employer.index]?.[t] === 1;
        last = { employer, base };
        sealedFor = 0;
        records.push({
          resident_id: person.residentId,
          period: period(world.window, t),
          employer_uscc: employer.uscc,
          deposit_base: base,
          paid: gap ? 0 : Math.round((base / 100) * rate) * 2 * 100,
          account_status: 'active',
        });
      } else if (last !== undefined) {
        // Between fund-paying jobs the account is sealed (封存); long sealed ones get closed.
        sealedFor += 1;
        const closes = sealedFor > 12 && r.chance(0.05);
        records.push({
          resident_id: person.residentId,
          period: period(world.window, t),
          employer_uscc: last.employer.uscc,
          deposit_base: last.base,
          paid: 0,
          account_status: closes ? 'closed' : 'sealed',
        });
        if (closes) last = undefined;
      }
    }
  }
  return sortByText(records, 'period');
}

const TRADER_SHARE: Readonly<Record<Industry, number>> = {
  manufacturing: 0.35,
  services: 0.02,
  technology: 0.12,
  trade: 0.5,
  catering: 0,
  construction: 0.02,
  agriculture: 0.1,
  logistics: 0.2,
  other: 0.02,
};

export function customsRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`customs/${enterprise.index}`);
    const share = enterprise.individual ? 0.01 : TRADER_SHARE[enterprise.industry];
    if (!r.chance(share)) continue;
    const declarationsMean = enterprise.size === 'micro' ? 2 : enterprise.size === 'small' ? 6 : 20;
    const exportShare = r.uniform(0.1, 0.95);
    const valuePerDeclaration = 200_000 * Math.exp(0.8 * r.normal());
    const advanced = enterprise.size === 'medium' && enterprise.risk < -0.3 && r.chance(0.5);
    let dishonest = false;
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      const stress = enterpriseStress(enterprise, t, world.window);
      const declarations = r.poisson(
        declarationsMean * Math.exp(-0.2 * (stress - enterprise.risk)),
      );
      if (declarations === 0) continue;
      if (stress > 3 && r.chance(0.1)) dishonest = true;
      const total = declarations * valuePerDeclaration * Math.exp(0.3 * r.normal());
      records.push({
        uscc: enterprise.uscc,
        period: period(world.window, t),
        import_value: yuan(total * (1 - exportShare)),
        export_value: yuan(total * exportShare),
        declarations,
        credit_level: r.chance(0.15)
          ? undefined
          : dishonest
            ? 'dishonest'
            : advanced
              ? 'advanced'
              : 'general',
      });
    }
  }
  return sortByText(records, 'period');
}

const UTILITY_SCALE: Readonly<Record<Enterprise['size'], readonly [number, number, number]>> = {
  // water, electricity, gas: monthly yuan
  micro: [300, 1_500, 800],
  small: [2_000, 15_000, 5_000],
  medium: [15_000, 150_000, 40_000],
};

function usesGas(rng: Rng, industry: Industry): boolean {
  if (industry === 'catering' || industry === 'manufacturing') return true;
  return rng.chance(industry === 'services' ? 0.3 : 0.1);
}

export function utilitiesRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`utilities/${enterprise.index}`);
    const revenue = world.revenueFen[enterprise.index];
    if (revenue === undefined) continue;
    const [water, electricity, gas] = UTILITY_SCALE[enterprise.size];
    const heavy =
      enterprise.industry === 'manufacturing' ? 3 : enterprise.industry === 'catering' ? 1.8 : 1;
    const scale = (enterprise.individual ? 0.3 : 1) * Math.exp(0.4 * r.normal());
    const utilities: [string, number][] = [
      ['water', water * heavy],
      ['electricity', electricity * heavy],
    ];
    if (usesGas(r, enterprise.industry)) utilities.push(['gas', gas * heavy]);
    let meanRevenue = 0;
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++)
      meanRevenue += revenue[t] ?? 0;
    meanRevenue /= Math.max(1, enterprise.lastMonth - enterprise.firstMonth + 1);
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      const stress = enterpriseStress(enterprise, t, world.window);
      const activity = Math.sqrt((revenue[t] ?? 0) / Math.max(1, meanRevenue));
      const winter = [12, 1, 2].includes(monthNumber(world.window.start + t));
      const monthLate = r.chance(enterpriseSignals.utilityLate(stress));
      for (const [utility, monthly] of utilities) {
        const season =
          utility === 'gas' && winter ? 1.6 : utility === 'electricity' && !winter ? 1.1 : 1;
        const amount = Math.round(
          monthly * scale * season * activity * Math.exp(0.1 * r.normal()) * 100,
        );
        const late = monthLate ? r.chance(0.8) : false;
        const overdueDays = late
          ? Math.min(3650, 1 + r.poisson(enterpriseSignals.utilityOverdueDays(stress)))
          : r.chance(0.5)
            ? 0
            : undefined;
        records.push({
          uscc: enterprise.uscc,
          period: period(world.window, t),
          utility,
          amount,
          paid_on_time: !late,
          overdue_days: overdueDays,
        });
      }
    }
  }
  return sortByText(records, 'period');
}

function enterpriseCreditRecords(world: World, rng: Rng, records: CanonicalRecord[]): void {
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`credit/${enterprise.index}`);
    const share = enterprise.individual
      ? 0.35
      : enterprise.size === 'micro'
        ? 0.45
        : enterprise.size === 'small'
          ? 0.75
          : 0.9;
    if (!r.chance(share)) continue;
    const revenue = world.revenueFen[enterprise.index];
    const annual = 12 * ((revenue?.[enterprise.lastMonth] ?? 0) / 100 || 100_000);
    let loans = annual * r.uniform(0.1, 0.5) * (1 + 0.3 * Math.max(0, enterprise.risk));
    let accounts = r.int(1, enterprise.size === 'medium' ? 8 : 4);
    let spell = 0;
    const recentInquiries: number[] = [];
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      if (!isActive(enterprise, t)) continue;
      const stress = enterpriseStress(enterprise, t, world.window);
      if (spell > 0)
        spell = r.chance(enterpriseSignals.creditOverdueContinue(stress)) ? spell + 1 : 0;
      else if (r.chance(enterpriseSignals.creditOverdueStart(stress))) spell = 1;
      loans = Math.max(0, loans * r.uniform(0.97, 1.03));
      if (r.chance(0.03)) accounts = clamp(accounts + r.pick([-1, 1]), 1, 20);
      recentInquiries.push(r.poisson(enterpriseSignals.inquiriesMean(stress) / 6));
      if (recentInquiries.length > 6) recentInquiries.shift();
      const loanFen = Math.round(loans / 1000) * 100_000;
      records.push({
        subject_id: enterprise.uscc,
        period: period(world.window, t),
        loans_outstanding: loanFen,
        overdue_amount:
          spell === 0
            ? 0
            : Math.round((loanFen * Math.min(1, 0.03 * spell + 0.05 * r.next())) / 100) * 100,
        max_overdue_days: spell === 0 ? 0 : Math.min(3650, spell * 30 - r.int(0, 25)),
        inquiries_6m: recentInquiries.reduce((sum, n) => sum + n, 0),
        open_accounts: accounts,
      });
    }
  }
}

export function creditBureauRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  enterpriseCreditRecords(world, rng, records);
  for (const person of world.persons) {
    const credit = world.personCredit[person.index];
    if (credit === undefined) continue;
    for (let t = 0; t < world.window.months; t++) {
      records.push({
        subject_id: person.residentId,
        period: period(world.window, t),
        loans_outstanding: credit.loansFen[t] ?? 0,
        overdue_amount: credit.overdueFen[t] ?? 0,
        max_overdue_days: credit.overdueDays[t] ?? 0,
        inquiries_6m: credit.inquiries[t] ?? 0,
        open_accounts: credit.openAccounts[t] ?? 0,
      });
    }
  }
  return sortByText(records, 'period');
}

export function selfReportedRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`self-reported/${enterprise.index}`);
    const share = enterprise.individual
      ? 0.05
      : enterprise.size === 'micro'
        ? 0.35
        : enterprise.size === 'small'
          ? 0.55
          : 0.8;
    if (!r.chance(share)) continue;
    const revenue = world.revenueFen[enterprise.index];
    if (revenue === undefined) continue;
    const assetTurnover = r.uniform(0.6, 1.6);
    const leverageNoise = 0.1 * r.normal();
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      if (r.chance(0.05)) continue;
      const stress = enterpriseStress(enterprise, t, world.window);
      const revenueFen = Math.round(((revenue[t] ?? 0) * r.uniform(1, 1.1)) / 100) * 100;
      const assets =
        Math.round((revenueFen * 12 * assetTurnover * (1 + 0.02 * r.normal())) / 100) * 100;
      const leverage = enterpriseSignals.leverage(stress, leverageNoise, r);
      const staff =
        enterprise.staff * Math.exp(-0.25 * (stress - enterprise.risk) + 0.02 * r.normal());
      records.push({
        uscc: enterprise.uscc,
        period: period(world.window, t),
        revenue: revenueFen,
        net_profit: Math.round((revenueFen * enterpriseSignals.margin(stress, r)) / 100) * 100,
        total_assets: assets,
        total_liabilities: Math.round((assets * leverage) / 100) * 100,
        employees: Math.max(1, Math.round(staff)),
      });
    }
  }
  return sortByText(records, 'period');
}
