import { describeMe } from "@/server/auth/me";
import { meOperation } from "@/server/auth/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(meOperation, async ({ ctx }) => ok(describeMe(ctx)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
