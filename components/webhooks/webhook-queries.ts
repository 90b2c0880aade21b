"use client";

import {
  type InfiniteData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, bodyOf, dataOf, inOrganization } from "@/components/api/api-client";
import { useCursorPages } from "@/components/api/use-cursor-pages";
import { withoutRow } from "@/components/api/without-row";
import type { operations } from "@/lib/api-schema";
import { webhookQueryKeys } from "./webhook-query-keys";
import type { CreateWebhookInput, UpdateWebhookInput, Webhook } from "./webhook-types";

export { webhookQueryKeys };

type WebhookPage = operations["getWebhooks"]["responses"][200]["content"]["application/json"];
export type WebhookPages = InfiniteData<WebhookPage, string | null>;
type DeliveryPage =
  operations["getWebhooksByIdDeliveries"]["responses"][200]["content"]["application/json"];

/** While a delivery is pending, the log is fetched again this often, within a polling window. */
const POLL_MS = 2000;

/** The organization's endpoints, newest first, a page at a time. */
export function useWebhooks(organizationId: string) {
  return useCursorPages(webhookQueryKeys.list(organizationId), (cursor, signal) =>
    bodyOf(
      api.GET("/webhooks", {
        params: { query: { cursor } },
        ...inOrganization(organizationId, signal),
      }),
    ),
  );
}

export function useWebhook(organizationId: string, id: string) {
  return useQuery({
    queryKey: webhookQueryKeys.detail(organizationId, id),
    queryFn: ({ signal }) =>
      dataOf(
        api.GET("/webhooks/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId, signal),
        }),
      ),
  });
}

/**
 * The endpoint's deliveries of the last 30 days, newest first. While one of them is pending and
 * `pollUntil` (a time, set after a test or a resend) has not passed, the log is fetched again
 * every two seconds so the outcome shows; then it stops, however long a retry waits.
 */
export function useDeliveries(organizationId: string, id: string, pollUntil: number) {
  return useCursorPages(
    webhookQueryKeys.deliveries(organizationId, id),
    (cursor, signal) =>
      bodyOf(
        api.GET("/webhooks/{id}/deliveries", {
          params: { path: { id }, query: { cursor } },
          ...inOrganization(organizationId, signal),
        }),
      ),
    (pages: DeliveryPage[] | undefined) => {
      const pending = pages?.some((page) =>
        page.data.some((delivery) => delivery.status === "pending"),
      );
      return pending && Date.now() < pollUntil ? POLL_MS : false;
    },
  );
}

/** Puts an endpoint in the detail cache and has every list fetched again. */
function storeWebhook(client: QueryClient, organizationId: string, hook: Webhook) {
  client.setQueryData(webhookQueryKeys.detail(organizationId, hook.id), hook);
  void client.invalidateQueries({ queryKey: webhookQueryKeys.list(organizationId) });
}

/*
 * Adding an endpoint and rotating its secret return the signing secret. Like the API keys' and
 * OAuth apps' secrets, they do not go through useMutation: the mutation cache would keep the
 * answer, and the show-once rule says the secret lives only in the reveal dialog's state.
 */

export async function createWebhook(
  client: QueryClient,
  organizationId: string,
  input: CreateWebhookInput,
): Promise<{ webhook: Webhook; secret: string }> {
  const { secret, ...webhook } = await dataOf(
    api.POST("/webhooks", { body: input, ...inOrganization(organizationId) }),
  );
  storeWebhook(client, organizationId, webhook);
  return { webhook, secret };
}

export async function rotateWebhookSecret(
  client: QueryClient,
  organizationId: string,
  id: string,
): Promise<{ webhook: Webhook; secret: string }> {
  const { secret, ...webhook } = await dataOf(
    api.POST("/webhooks/{id}/rotate-secret", {
      params: { path: { id } },
      body: {},
      ...inOrganization(organizationId),
    }),
  );
  storeWebhook(client, organizationId, webhook);
  return { webhook, secret };
}

/** PATCH (url, description, events, enabled): applied when the server has accepted it. */
export function useUpdateWebhook(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateWebhookInput & { id: string }) =>
      dataOf(
        api.PATCH("/webhooks/{id}", {
          params: { path: { id } },
          body,
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: (hook) => {
      storeWebhook(client, organizationId, hook);
      // Enabling sends the deliveries that waited: the log shows them going out.
      void client.invalidateQueries({
        queryKey: webhookQueryKeys.deliveries(organizationId, hook.id),
      });
    },
  });
}

/** Deletes an endpoint: its detail and log are dropped (they would only answer 404). */
export function useDeleteWebhook(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      dataOf(
        api.DELETE("/webhooks/{id}", {
          params: { path: { id } },
          ...inOrganization(organizationId),
        }),
      ),
    onSuccess: ({ id }) => {
      client.setQueryData<WebhookPages>(webhookQueryKeys.list(organizationId), (data) =>
        withoutRow(data, id),
      );
      client.removeQueries({ queryKey: webhookQueryKeys.deliveries(organizationId, id) });
      void client.invalidateQueries({ queryKey: webhookQueryKeys.list(organizationId) });
    },
  });
}

/** POST /test (202): the delivery is under way; the log is fetched again to show it. */
export function useSendTestEvent(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      dataOf(
        api.POST("/webhooks/{id}/test", {
          params: { path: { id } },
          ...inOrganization(organizationId),
        }),
      ),
    onSettled: (_data, _error, id) =>
      client.invalidateQueries({ queryKey: webhookQueryKeys.deliveries(organizationId, id) }),
  });
}

/** POST /deliveries/{id}/resend (202): a new delivery with the same webhook-id. */
export function useResendDelivery(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      dataOf(
        api.POST("/webhooks/{id}/deliveries/{delivery_id}/resend", {
          params: { path: { id: webhookId, delivery_id: deliveryId } },
          ...inOrganization(organizationId),
        }),
      ),
    onSettled: (_data, _error, { webhookId }) =>
      client.invalidateQueries({
        queryKey: webhookQueryKeys.deliveries(organizationId, webhookId),
      }),
  });
}
