/** The entitlements list views ask for when the caller uses fine-grained authorization. */
export const LIST_ENTITLEMENTS = ["can_edit", "can_delete"] as const;

/** Value of `with-access-entitlements`, or undefined when the caller is not fine-grained (the server would refuse it). */
export function entitlementParameter(fineGrained: boolean): string | undefined {
  return fineGrained ? LIST_ENTITLEMENTS.join(",") : undefined;
}
