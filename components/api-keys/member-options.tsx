import type { MemberOption } from "./api-key-queries";

/** "Anyone", then each member by name: the options of a filter by person (creator, actor). */
export function MemberOptions({ members }: { members: MemberOption[] | undefined }) {
  return (
    <>
      <option value="">Anyone</option>
      {(members ?? []).map((member) => (
        <option key={member.id} value={member.id}>
          {member.name}
        </option>
      ))}
    </>
  );
}
