"use client";

import { type FormEvent, useState } from "react";

/** What one field must hold. `required` is the message for an empty field; absent: optional. */
export interface FieldRule {
  required?: string;
  email?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** What is wrong with a value, in the words every form of the dashboard uses, or undefined. */
export function fieldProblem(value: string, rule: FieldRule): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return rule.required;
  if (rule.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
    return "Enter an email address, like name@example.com";
  }
  if (rule.minLength && value.length < rule.minLength) {
    return `Use at least ${rule.minLength} characters`;
  }
  if (rule.maxLength && trimmed.length > rule.maxLength) {
    return `Use up to ${rule.maxLength} characters (now ${trimmed.length})`;
  }
  return undefined;
}

/**
 * One inline validation for every form (no browser bubbles: forms set noValidate). On submit the
 * fields are checked against their rules; any problem stops the submit (a server action too),
 * is shown beside its field, and the first bad field takes focus. Typing in a field clears its
 * message. The server still decides: these rules only spare a round trip.
 */
export function useInlineValidation(rules: Record<string, FieldRule>) {
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const data = new FormData(form);
    const next: Record<string, string | undefined> = {};
    for (const [name, rule] of Object.entries(rules)) {
      next[name] = fieldProblem(String(data.get(name) ?? ""), rule);
    }
    setErrors(next);
    const first = Object.keys(rules).find((name) => next[name]);
    if (!first) return;
    event.preventDefault();
    const field = form.elements.namedItem(first);
    if (field instanceof HTMLElement) field.focus();
  }

  /** The props a TextField needs: its message, and clearing it as the person types. */
  function field(name: string) {
    return {
      error: errors[name],
      onInput: () => setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e)),
    };
  }

  return { onSubmit, field };
}
