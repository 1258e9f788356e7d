/** The convert_* functions, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { bindErrorOf, call, d, int, l, r, s, typeOf } from '../helpers/functions.js';

const convert = (fn: string, value: number, from: string, to: string) => call(fn, r(value), s(from), s(to));

describe('the docs examples', () => {
  it('convert as the pages show', () => {
    expect(convert('convert_angle', 1.2, 'Degree', 'Arcminute')).toBe(72);
    expect(convert('convert_energy', 1.2, 'Joule', 'BritishThermalUnit')).toBeCloseTo(0.00113738054437598, 17);
    expect(convert('convert_force', 1.2, 'Newton', 'Decanewton')).toBe(0.12);
    expect(convert('convert_length', 1.2, 'Meter', 'Foot')).toBeCloseTo(3.93700787401575, 14);
    expect(convert('convert_mass', 1.2, 'Kilogram', 'Pound')).toBeCloseTo(2.64554714621853, 14);
    expect(convert('convert_speed', 1.2, 'MeterPerSecond', 'CentimeterPerHour')).toBe(432000);
    expect(convert('convert_volume', 1.2, 'CubicMeter', 'AcreFoot')).toBe(0.0009728568);
  });

  it('converts temperatures by their scales (the page now shows -271.95; an older version printed 1.2/273.15)', () => {
    expect(convert('convert_temperature', 1.2, 'Kelvin', 'DegreeCelsius')).toBeCloseTo(-271.95, 12);
  });
});

describe('units', () => {
  it('know prefixed units by the names the pages list', () => {
    expect(convert('convert_length', 1, 'Kilometer', 'Meter')).toBe(1000);
    expect(convert('convert_length', 1, 'Decameter', 'Decimeter')).toBe(100);
    expect(convert('convert_length', 1, 'Megaparsec', 'Kiloparsec')).toBe(1000);
    expect(convert('convert_energy', 1, 'KilowattHour', 'Joule')).toBe(3.6e6);
    expect(convert('convert_energy', 1, 'DecathermUs', 'ThermUs')).toBe(10);
    expect(convert('convert_energy', 1, 'GigaelectronVolt', 'MegaelectronVolt')).toBeCloseTo(1000, 10);
    expect(convert('convert_force', 2, 'KilopoundForce', 'PoundForce')).toBeCloseTo(2000, 10);
    expect(convert('convert_mass', 1, 'Kilotonne', 'Tonne')).toBe(1000);
    expect(convert('convert_mass', 5, 'Megapound', 'Kilopound')).toBeCloseTo(5000, 9);
    expect(convert('convert_volume', 1, 'DecausGallon', 'UsGallon')).toBeCloseTo(10, 12);
    expect(convert('convert_volume', 1, 'HectocubicFoot', 'CubicFoot')).toBeCloseTo(100, 12);
    expect(convert('convert_volume', 1, 'KiloimperialGallon', 'ImperialGallon')).toBeCloseTo(1000, 10);
    expect(convert('convert_volume', 1, 'Liter', 'Milliliter')).toBe(1000);
    expect(convert('convert_speed', 1, 'KilometerPerHour', 'MeterPerSecond')).toBeCloseTo(1 / 3.6, 15);
    expect(convert('convert_speed', 1, 'NanometerPerMinute', 'NanometerPerSecond')).toBeCloseTo(1 / 60, 15);
    expect(convert('convert_angle', 1, 'Milliradian', 'Microradian')).toBeCloseTo(1000, 10);
  });

  it('use the defined factors', () => {
    // UnitsNet's factors, approximations included (docs/semantics.md): a mile of 1609.34 m.
    expect(convert('convert_length', 1, 'Mile', 'Foot')).toBeCloseTo(5279.98687664042, 9);
    expect(convert('convert_length', 1, 'Foot', 'Inch')).toBeCloseTo(12, 12);
    expect(convert('convert_length', 1, 'Chain', 'Yard')).toBeCloseTo(22, 12);
    expect(convert('convert_length', 10, 'Angstrom', 'Nanometer')).toBeCloseTo(1, 15);
    expect(convert('convert_length', 1, 'UsSurveyFoot', 'Meter')).toBeCloseTo(1200 / 3937, 15);
    expect(convert('convert_mass', 1, 'Pound', 'Ounce')).toBeCloseTo(16, 12);
    expect(convert('convert_mass', 1, 'Stone', 'Pound')).toBeCloseTo(13.99998858, 8);
    expect(convert('convert_speed', 60, 'MilePerHour', 'MilePerHour')).toBe(60);
    expect(convert('convert_speed', 1, 'Knot', 'MeterPerSecond')).toBe(0.514444);
    expect(convert('convert_energy', 1, 'Kilocalorie', 'Joule')).toBe(4184);
    expect(convert('convert_force', 1, 'KilogramForce', 'Newton')).toBe(9.80665002864);
    expect(convert('convert_angle', 1, 'Revolution', 'Gradian')).toBeCloseTo(400, 12);
    expect(convert('convert_angle', 1, 'Revolution', 'NatoMil')).toBeCloseTo(6400, 10);
    expect(convert('convert_angle', 180, 'Degree', 'Radian')).toBeCloseTo(Math.PI, 15);
    expect(convert('convert_angle', 0.5, 'Tilt', 'Degree')).toBeCloseTo(30, 13);
    expect(convert('convert_volume', 1, 'UsGallon', 'UsQuart')).toBeCloseTo(4, 5);
  });

  it('convert temperatures between scales', () => {
    expect(convert('convert_temperature', 100, 'DegreeCelsius', 'DegreeFahrenheit')).toBeCloseTo(212, 12);
    expect(convert('convert_temperature', -40, 'DegreeFahrenheit', 'DegreeCelsius')).toBeCloseTo(-40, 12);
    expect(convert('convert_temperature', 0, 'DegreeCelsius', 'Kelvin')).toBe(273.15);
    expect(convert('convert_temperature', 0, 'Kelvin', 'DegreeRankine')).toBe(0);
    expect(convert('convert_temperature', 100, 'DegreeCelsius', 'DegreeDelisle')).toBeCloseTo(0, 12);
    expect(convert('convert_temperature', 100, 'DegreeCelsius', 'DegreeNewton')).toBeCloseTo(33, 12);
    expect(convert('convert_temperature', 100, 'DegreeCelsius', 'DegreeReaumur')).toBeCloseTo(80, 12);
    expect(convert('convert_temperature', 100, 'DegreeCelsius', 'DegreeRoemer')).toBeCloseTo(60, 12);
    expect(convert('convert_temperature', 1, 'DegreeCelsius', 'MillidegreeCelsius')).toBeCloseTo(1000, 9);
    expect(convert('convert_temperature', 1, 'SolarTemperature', 'Kelvin')).toBe(5778);
  });

  it('match unit names without regard to case, and give an unchanged value between a unit and itself', () => {
    expect(convert('convert_length', 1.2, 'meter', 'FOOT')).toBeCloseTo(3.93700787401575, 14);
    expect(convert('convert_energy', 1, 'HorsePowerHour', 'HorsepowerHour')).toBe(1);
    expect(convert('convert_temperature', 1.2, 'DegreeCelsius', 'degreecelsius')).toBe(1.2);
  });

  it('give null for unknown units and null values, as the docs say', () => {
    expect(convert('convert_length', 1, 'Furlong', 'Meter')).toBeNull();
    expect(convert('convert_length', 1, 'Meter', 'Kilogram')).toBeNull();
    expect(convert('convert_mass', 1, '', 'Gram')).toBeNull();
    expect(call('convert_length', r(null), s('Meter'), s('Foot'))).toBeNull();
  });

  it('read units per row when they are not constants', () => {
    const perRow = (unit: string) => call('convert_length', r(1), { type: 'string', value: 'Kilometer', constant: false }, { type: 'string', value: unit, constant: false });
    expect(perRow('Meter')).toBe(1000);
    expect(perRow('Parsec')).toBeCloseTo(1000 / 3.08567758128e16, 28);
  });
});

describe('types', () => {
  it('give a real from an int, long or real', () => {
    expect(typeOf('convert_mass', int(1), s('Gram'), s('Kilogram'))).toBe('real');
    expect(typeOf('convert_speed', l(1), s('Knot'), s('MilePerHour'))).toBe('real');
  });

  it('reject other value types and non-string units, as the official binder does', () => {
    expect(bindErrorOf('convert_length', s('1'), s('Meter'), s('Foot'))).toBe('convert_length(): argument 1 must be a number (int, long or real), not string');
    expect(bindErrorOf('convert_length', d(1), s('Meter'), s('Foot'))).toMatch(/argument 1 must be a number/);
    expect(bindErrorOf('convert_angle', r(1), l(1), s('Degree'))).toBe('convert_angle(): argument 2 must be a string, not long');
  });
});
