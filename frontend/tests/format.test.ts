import { describe, expect, it } from "vitest";
import {
  formatDay,
  formatMonth,
  formatNumber,
  formatShortMonth,
  parseDay,
  plural,
  today,
} from "../src/lib/format";

// Intl puts a narrow no-break space (U+202F) between thousands in French.
const NNBSP = "\u202f";

describe("French formatting", () => {
  it("words a day of the API in French, whatever the machine's time zone", () => {
    expect(formatDay("2022-03-29")).toBe("29 mars 2022");
    expect(formatDay("2020-01-01")).toBe("1 janvier 2020");
  });

  it("words months, long and short", () => {
    expect(formatMonth("2024-01-01")).toBe("janvier 2024");
    expect(formatShortMonth("2020-01-01")).toBe("janv. 2020");
  });

  it("groups thousands the French way", () => {
    expect(formatNumber(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatNumber(13)).toBe("13");
  });

  it("puts 0 and 1 in the singular, as French does", () => {
    expect(plural(0, "comité", "comités")).toBe("0 comité");
    expect(plural(1, "comité", "comités")).toBe("1 comité");
    expect(plural(2, "comité", "comités")).toBe("2 comités");
    expect(plural(1500, "comité", "comités")).toBe(`1${NNBSP}500 comités`);
  });

  it("refuses anything but YYYY-MM-DD", () => {
    expect(() => parseDay("29/03/2022")).toThrow(RangeError);
    expect(parseDay("2024-02-29").getUTCDate()).toBe(29);
  });

  it("gives today as a UTC day", () => {
    expect(today(new Date("2026-11-29T23:30:00-05:00"))).toBe("2026-11-30");
  });
});
