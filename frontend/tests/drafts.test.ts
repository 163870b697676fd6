import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/errors";
import { clearDraft, draftKey, readDraft, saveDraft } from "../src/lib/drafts";
import { placeProblem } from "../src/lib/forms";

function memory() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe("form drafts kept across an expired session", () => {
  const initial = { email: "", password: "", role: "" };

  it("keeps the fields by page and form, never a password, and forgets them when sent", () => {
    const storage = memory();
    const key = draftKey("/reseau/utilisateurs", "compte");
    expect(readDraft(key, initial, storage)).toBeNull();
    saveDraft(
      key,
      { email: "a@b.fr", password: "secret-secret", role: "member" },
      ["password"],
      storage,
    );
    expect(readDraft(key, initial, storage)).toEqual({
      email: "a@b.fr",
      password: "",
      role: "member",
    });
    expect(readDraft(draftKey("/reseau", "compte"), initial, storage)).toBeNull();
    clearDraft(key, storage);
    expect(readDraft(key, initial, storage)).toBeNull();
  });

  it("ignores what is not a draft of this form", () => {
    const storage = memory();
    const key = draftKey("/p", "f");
    storage.setItem(key, "not json");
    expect(readDraft(key, initial, storage)).toBeNull();
    storage.setItem(key, JSON.stringify({ email: 3, other: "x", role: "member" }));
    expect(readDraft(key, initial, storage)).toEqual({ email: "", password: "", role: "member" });
  });
});

describe("a refusal placed in a form", () => {
  const invalid = { email: "Adresse invalide.", day: "Date invalide." };

  it("puts a 422's fields, under the form's own names, next to them", () => {
    const error = new ApiError(422, {
      type: "about:blank",
      title: "Unprocessable",
      status: 422,
      detail: "",
      code: "validation_error",
      errors: [
        { loc: ["body", "starts_at"], msg: "", type: "", pointer: "/starts_at", parameter: null },
      ],
    } as never);
    expect(placeProblem(error, invalid, { fields: { starts_at: "day" } })).toEqual({
      errors: { day: "Date invalide." },
      failure: null,
    });
  });

  it("puts a code naming one field there, and anything else above the form", () => {
    const taken = new ApiError(409, { status: 409, code: "email_taken" } as never);
    expect(placeProblem(taken, invalid, { codes: { email_taken: "email" } }).errors).toEqual({
      email: "Un compte utilise déjà cette adresse électronique.",
    });
    expect(placeProblem(new ApiError(0, null), invalid)).toEqual({
      errors: {},
      failure: "Le serveur ne répond pas : vérifiez votre connexion.",
    });
  });
});
