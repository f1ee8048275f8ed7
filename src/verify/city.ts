/**
 * Cities as a borrower names them. Records carry district codes (330106 西湖区) while an
 * application states a city (330100 杭州市): both compare at prefecture level, and the four
 * municipalities, whose districts sit under placeholder prefectures (500100 市辖区, 500200 县),
 * compare as one city.
 */
import { provinceOf, regionName } from '../registry/regions.js';

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const PLACEHOLDER_PREFECTURE = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Two region codes are in the same city when their keys are equal. */
export function cityKey(code: string): string {
  return MUNICIPALITIES.has(code.slice(0, 2)) ? code.slice(0, 2) : code.slice(0, 4);
}

export function cityName(code: string): string {
  if (MUNICIPALITIES.has(code.slice(0, 2))) return provinceOf(code) ?? code;
  const prefecture = regionName(`${code.slice(0, 4)}00`);
  if (prefecture !== undefined && !PLACEHOLDER_PREFECTURE.test(prefecture)) return prefecture;
  // A county-level city directly under its province (429004 仙桃市) is a city of its own.
  return regionName(code) ?? code;
}
