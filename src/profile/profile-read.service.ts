import { recordsUnderObjection } from '../disputes/disputes.service.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { Locale } from '../platform/locale.js';
import { withCreditDataRead, type ConsentPurpose } from '../registry/consent.service.js';
import { resolveSubject, type SubjectTarget } from '../registry/registry.service.js';
import { featureByName } from './features.js';
import { formatValue } from './format.js';
import { profilesOf } from './profile.service.js';

export interface ProfileFeatureView {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly categories: string[];
  readonly value: number | string | null;
  /** The value in words, e.g. `12.5 万元`, `无数据`. */
  readonly display: string;
  readonly sources: string[];
  readonly sourceCount: number;
  readonly asOf: string;
  /** A source record is under an open objection: the value may change. */
  readonly underObjection: boolean;
}

export interface ProfileView {
  readonly subject: { readonly kind: 'enterprise' | 'person'; readonly id: string };
  readonly asOf: string;
  readonly recordCount: number;
  readonly computedAt: Date;
  readonly features: ProfileFeatureView[];
  /** The subject's records under an open objection, shown as such to every reader. */
  readonly recordsUnderObjection: string[];
}

/**
 * A subject's credit profile for a reader: every feature with its label, value in words, the
 * records it comes from and its as-of date. Authorised and audited (see
 * `authoriseCreditDataRead`).
 */
export async function readProfile(
  ctx: AppContext,
  principal: Principal | null,
  target: SubjectTarget,
  purpose: ConsentPurpose,
  locale: Locale,
): Promise<ProfileView> {
  return withCreditDataRead(
    ctx,
    principal,
    { purpose, action: 'profile.read' },
    (tx) => resolveSubject(tx, principal, target),
    async (tx, { subject, ref }) => {
      const profile = (await profilesOf(ctx, tx, subject.kind, [ref])).get(ref);
      if (!profile) throw notFound('profile');
      const disputed = await recordsUnderObjection(
        tx,
        profile.features.flatMap((value) => value.sources),
      );
      return {
        recordsUnderObjection: [...disputed],
        subject,
        asOf: profile.asOf,
        recordCount: profile.recordCount,
        computedAt: profile.computedAt,
        features: profile.features.flatMap((value) => {
          const feature = featureByName(value.feature);
          if (!feature) return [];
          return [
            {
              name: feature.name,
              label: feature.label[locale],
              unit: feature.unit,
              categories: [...feature.categories],
              value: value.value,
              display: formatValue(feature, value.value, locale),
              sources: [...value.sources],
              sourceCount: value.sourceCount,
              asOf: value.asOf,
              underObjection: value.sources.some((source) => disputed.has(source)),
            },
          ];
        }),
      };
    },
  );
}
