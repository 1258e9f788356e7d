/**
 * Scalar functions: unit conversions (convert_angle, convert_energy, convert_force, convert_length,
 * convert_mass, convert_speed, convert_temperature, convert_volume).
 *
 * The unit names are those each function's docs page lists, which are the unit names of the UnitsNet
 * library; the factors are that library's definitions of them, each conversion going through the
 * quantity's base unit (degree, joule, newton, meter, kilogram, meter per second, kelvin, cubic
 * meter) with its multiplications and divisions in UnitsNet's order, so results round as the
 * documented ones do (1.2 meters per second is exactly 432000 centimeters per hour). The factors are
 * the library's as the docs' examples show them, approximations included: the documented 1.2 cubic
 * meters = 0.0009728568 acre-feet is UnitsNet's 0.000810714 acre-feet per cubic meter, not the exact
 * 1/1233.48183754752; so too a mile is 1609.34 m and a US gallon 0.00378541 m³ (docs/semantics.md).
 * Names match without regard to case; an unknown unit gives null, as the docs say.
 */
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { STRING, fixed, type ArgSpec } from './conversion.js';

interface Unit {
  readonly toBase: (x: number) => number;
  readonly fromBase: (x: number) => number;
}

/** base = x · mul / div. */
function linear(mul: number, div = 1): Unit {
  return { toBase: (x) => (x * mul) / div, fromBase: (x) => (x * div) / mul };
}

const PREFIXES: Record<string, number> = {
  Nano: 1e-9, Micro: 1e-6, Milli: 1e-3, Centi: 1e-2, Deci: 1e-1,
  Deca: 1e1, Hecto: 1e2, Kilo: 1e3, Mega: 1e6, Giga: 1e9, Tera: 1e12,
};

type UnitList = [string, Unit][];

/** A unit and its SI-prefixed multiples, named as UnitsNet names them (`Kilo` + `newton`). */
function prefixed(name: string, mul: number, div: number, prefixes: readonly string[]): UnitList {
  const units: UnitList = [[name, linear(mul, div)]];
  for (const p of prefixes) units.push([p + name[0]!.toLowerCase() + name.slice(1), linear(mul * PREFIXES[p]!, div)]);
  return units;
}

const ANGLE: UnitList = [
  ...prefixed('Degree', 1, 1, ['Nano', 'Micro', 'Milli']),
  ...prefixed('Radian', 180, Math.PI, ['Nano', 'Micro', 'Milli', 'Centi', 'Deci']),
  ['Arcminute', linear(1, 60)],
  ['Arcsecond', linear(1, 3600)],
  ['Gradian', linear(0.9)],
  ['NatoMil', linear(9, 160)],
  ['Revolution', linear(360)],
  // The sine of the angle, as a tilt meter reads it.
  ['Tilt', { toBase: (x) => (Math.asin(x) * 180) / Math.PI, fromBase: (x) => Math.sin((x / 180) * Math.PI) }],
];

const ENERGY: UnitList = [
  ...prefixed('Joule', 1, 1, ['Milli', 'Kilo', 'Mega', 'Giga']),
  ...prefixed('Calorie', 4.184, 1, ['Kilo', 'Mega']),
  ...prefixed('BritishThermalUnit', 1055.05585262, 1, ['Kilo', 'Mega', 'Giga']),
  ...prefixed('ElectronVolt', 1.602176565e-19, 1, ['Kilo', 'Mega', 'Giga', 'Tera']),
  ['FootPound', linear(1.355817948)],
  ['Erg', linear(1e-7)],
  ...prefixed('WattHour', 3600, 1, ['Kilo', 'Mega', 'Giga', 'Tera']),
  ...prefixed('WattDay', 24 * 3600, 1, ['Kilo', 'Mega', 'Giga', 'Tera']),
  ...prefixed('ThermEc', 1.05505585262e8, 1, ['Deca']),
  ...prefixed('ThermUs', 1.054804e8, 1, ['Deca']),
  ...prefixed('ThermImperial', 1.05505585257348e8, 1, ['Deca']),
  ['HorsepowerHour', linear(2.6845195377e6)],
];

const KILOGRAM_FORCE = 9.80665002864;

const FORCE: UnitList = [
  ...prefixed('Newton', 1, 1, ['Micro', 'Milli', 'Deca', 'Kilo', 'Mega']),
  ['Dyn', linear(1, 1e5)],
  ['KilogramForce', linear(KILOGRAM_FORCE)],
  ['TonneForce', linear(9.80665002864e3)],
  ['KiloPond', linear(KILOGRAM_FORCE)],
  ['Poundal', linear(0.13825502798973041652092282466083)],
  ...prefixed('PoundForce', 4.4482216152605095551842641431421, 1, ['Kilo']),
  ['OunceForce', linear(2.780138509537812e-1)],
  ['ShortTonForce', linear(8.896443230521e3)],
];

const INCH = 2.54e-2;

const LENGTH: UnitList = [
  ...prefixed('Meter', 1, 1, ['Nano', 'Micro', 'Milli', 'Centi', 'Deci', 'Deca', 'Hecto', 'Kilo']),
  ['Angstrom', linear(1e-10)],
  ['AstronomicalUnit', linear(1.495978707e11)],
  ['Chain', linear(20.1168)],
  ['DataMile', linear(1828.8)],
  ['DtpPica', linear(1, 236.220472441)],
  ['DtpPoint', linear(INCH, 72)],
  ['Fathom', linear(1.8288)],
  ['Foot', linear(0.3048)],
  ['Hand', linear(1.016e-1)],
  ['Inch', linear(INCH)],
  ...prefixed('LightYear', 9.46073047258e15, 1, ['Kilo', 'Mega']),
  ['Microinch', linear(2.54e-8)],
  ['Mil', linear(2.54e-5)],
  ['Mile', linear(1609.34)],
  ['NauticalMile', linear(1852)],
  ...prefixed('Parsec', 3.08567758128e16, 1, ['Kilo', 'Mega']),
  ['PrinterPica', linear(1, 237.106301584)],
  ['PrinterPoint', linear(INCH, 72.27)],
  ['Shackle', linear(27.432)],
  ['SolarRadius', linear(6.9551e8)],
  ['Twip', linear(1, 56692.913385826)],
  ['UsSurveyFoot', linear(1200, 3937)],
  ['Yard', linear(0.9144)],
];

const MASS: UnitList = [
  ...prefixed('Gram', 1, 1e3, ['Nano', 'Micro', 'Milli', 'Centi', 'Deci', 'Deca', 'Hecto', 'Kilo']),
  ...prefixed('Tonne', 1e3, 1, ['Kilo', 'Mega']),
  ...prefixed('Pound', 0.45359237, 1, ['Kilo', 'Mega']),
  ['ShortTon', linear(9.0718474e2)],
  ['LongTon', linear(1.0160469088e3)],
  ['Ounce', linear(0.028349523125)],
  ['Slug', linear(1, 6.852176556196105e-2)],
  ['Stone', linear(1, 0.1574731728702698)],
  ['ShortHundredweight', linear(1, 0.022046226218487758)],
  ['LongHundredweight', linear(1, 0.01968413055222121)],
  ['Grain', linear(1, 15432.358352941431)],
  ['SolarMass', linear(1.98947e30)],
  ['EarthMass', linear(5.9722e24)],
];

const FOOT = 0.3048;
const US_SURVEY_FOOT = 1200 / 3937;
const YARD = 0.9144;

/** A length per second, per minute and per hour. */
function perTime(length: string, meters: number): UnitList {
  return [
    [`${length}PerSecond`, linear(meters)],
    [`${length}PerMinute`, linear(meters, 60)],
    [`${length}PerHour`, linear(meters, 3600)],
  ];
}

const SPEED: UnitList = [
  ...prefixed('MeterPerSecond', 1, 1, ['Nano', 'Micro', 'Milli', 'Centi', 'Deci', 'Kilo']),
  ...prefixed('MeterPerMinute', 1, 60, ['Nano', 'Micro', 'Milli', 'Centi', 'Deci', 'Kilo']),
  ...prefixed('MeterPerHour', 1, 3600, ['Milli', 'Centi', 'Kilo']),
  ...perTime('Foot', FOOT),
  ...perTime('UsSurveyFoot', US_SURVEY_FOOT),
  ...perTime('Inch', INCH),
  ...perTime('Yard', YARD),
  ['Knot', linear(0.514444)],
  ['MilePerHour', linear(0.44704)],
];

/** An affine scale: kelvin = x · mul / div + offset. */
function affine(mul: number, div: number, offset: number): Unit {
  return { toBase: (x) => (x * mul) / div + offset, fromBase: (x) => ((x - offset) * div) / mul };
}

const TEMPERATURE: UnitList = [
  ['Kelvin', linear(1)],
  ['DegreeCelsius', affine(1, 1, 273.15)],
  ['MillidegreeCelsius', affine(1, 1000, 273.15)],
  ['DegreeDelisle', affine(-2, 3, 373.15)],
  ['DegreeFahrenheit', affine(5, 9, (459.67 * 5) / 9)],
  ['DegreeNewton', affine(100, 33, 273.15)],
  ['DegreeRankine', linear(5, 9)],
  ['DegreeReaumur', affine(5, 4, 273.15)],
  ['DegreeRoemer', affine(40, 21, 273.15 - (7.5 * 40) / 21)],
  ['SolarTemperature', linear(5778)],
];

const VOLUME: UnitList = [
  ...prefixed('Liter', 1, 1e3, ['Micro', 'Milli', 'Centi', 'Deci', 'Deca', 'Hecto', 'Kilo', 'Mega']),
  ...prefixed('CubicMeter', 1, 1, ['Hecto', 'Kilo']),
  ['CubicKilometer', linear(1e9)],
  ['CubicHectometer', linear(1e6)],
  ['CubicDecimeter', linear(1, 1e3)],
  ['CubicCentimeter', linear(1, 1e6)],
  ['CubicMillimeter', linear(1, 1e9)],
  ['CubicMicrometer', linear(1, 1e18)],
  ['CubicMile', linear(4.16818182544058e9)],
  ['CubicYard', linear(0.764554858)],
  ...prefixed('CubicFoot', 0.0283168, 1, ['Hecto', 'Kilo', 'Mega']),
  ['CubicInch', linear(1.6387e-5)],
  ...prefixed('ImperialGallon', 0.00454609000000181429905810072407, 1, ['Kilo', 'Mega']),
  ['ImperialOunce', linear(2.8413062499962901241875439064617e-5)],
  ...prefixed('UsGallon', 0.00378541, 1, ['Deci', 'Deca', 'Hecto', 'Kilo', 'Mega']),
  ['UsOunce', linear(2.957352956253760505068307980135e-5)],
  ['UsTablespoon', linear(1.478676478125e-5)],
  ['AuTablespoon', linear(2e-5)],
  ['UkTablespoon', linear(1.5e-5)],
  ['MetricTeaspoon', linear(0.5e-5)],
  ['UsTeaspoon', linear(4.92892159375e-6)],
  ['MetricCup', linear(0.00025)],
  ['UsCustomaryCup', linear(0.0002365882365)],
  ['UsLegalCup', linear(0.00024)],
  ['OilBarrel', linear(0.158987294928)],
  ['UsBeerBarrel', linear(0.1173477658)],
  ['ImperialBeerBarrel', linear(0.16365924)],
  ['UsQuart', linear(9.46352946e-4)],
  ['UsPint', linear(4.73176473e-4)],
  ['AcreFoot', linear(1, 0.000810714)],
  ['ImperialPint', linear(5.6826125e-4)],
  ['BoardFoot', linear(2.3597372158e-3)],
];

const REAL_NUMBER: ArgSpec = {
  test: (t: ScalarType) => t === 'int' || t === 'long' || t === 'real',
  expected: 'a number (int, long or real)',
};

/** convert_<quantity>(value, from, to): null for a null value or an unknown unit. */
function converter(name: string, units: UnitList): ScalarFunction {
  const byName = new Map(units.map(([unitName, unit]) => [unitName.toLowerCase(), unit]));
  const unitOf = (v: Value) => (typeof v === 'string' ? byName.get(v.toLowerCase()) : undefined);
  return {
    name,
    minArgs: 3,
    maxArgs: 3,
    bind: (args) => {
      // Units given as constants (the usual case) are looked up once, not once per row.
      const [fromConstant, toConstant] = [args[1]?.constant, args[2]?.constant];
      const fixedFrom = fromConstant && unitOf(fromConstant.value);
      const fixedTo = toConstant && unitOf(toConstant.value);
      return fixed(name, args, [REAL_NUMBER, STRING, STRING], 'real', (a) => {
        const from = fromConstant ? fixedFrom : unitOf(a[1]!);
        const to = toConstant ? fixedTo : unitOf(a[2]!);
        if (a[0] === null || !from || !to) return null;
        const x = a[0] as number;
        return from === to ? x : to.fromBase(from.toBase(x));
      });
    },
  };
}

export const unitFunctions: ScalarFunction[] = [
  converter('convert_angle', ANGLE),
  converter('convert_energy', ENERGY),
  converter('convert_force', FORCE),
  converter('convert_length', LENGTH),
  converter('convert_mass', MASS),
  converter('convert_speed', SPEED),
  converter('convert_temperature', TEMPERATURE),
  converter('convert_volume', VOLUME),
];
