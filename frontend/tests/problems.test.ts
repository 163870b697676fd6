import { describe, expect, it } from "vitest";
import { fieldsAtFault } from "../src/lib/problems";

describe("fields at fault in a 422", () => {
  it("reads the JSON Pointer, or else the body's loc", () => {
    expect(
      fieldsAtFault([
        { loc: ["body", "deadline"], msg: "", type: "", pointer: "/deadline", parameter: null },
        { loc: ["body", "title"], msg: "", type: "", pointer: null, parameter: null },
        { loc: ["query", "limit"], msg: "", type: "", pointer: null, parameter: "limit" },
        { loc: ["body", "members", 0], msg: "", type: "", pointer: "/members/0", parameter: null },
      ]),
    ).toEqual(new Set(["deadline", "title", "members"]));
    expect(fieldsAtFault(null)).toEqual(new Set());
  });
});
