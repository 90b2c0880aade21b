"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiRequestError } from "@/components/api/api-client";
import { SessionExpiredDialog } from "@/components/shell/session-expired-dialog";

function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

export function Providers({ children }: { children: ReactNode }) {
  const [expired, setExpired] = useState(false);
  const [client] = useState(() => {
    // Any 401 from /api/v1, from a query or a mutation, means the session is gone: say so
    // once, over the page, instead of an error with a Retry that cannot succeed.
    const onError = (error: unknown) => {
      if (isUnauthenticated(error)) setExpired(true);
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          staleTime: 15_000,
          retry: (failures, error) => !isUnauthenticated(error) && failures < 1,
          refetchOnWindowFocus: true,
        },
      },
    });
  });
  return (
    <QueryClientProvider client={client}>
      {children}
      {expired ? <SessionExpiredDialog onClose={() => setExpired(false)} /> : null}
    </QueryClientProvider>
  );
}
