// The app's providers: one TanStack Query client (whose session cache feeds the CSRF header), and
// the router. i18next is initialised before this renders (see main.tsx). RouterProvider comes from
// 'react-router' itself: 'react-router/dom' resolves to a second copy of the router under Node (vitest).
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setCsrfTokenSource } from '#web/api';
import { createQueryClient, csrfTokenFrom } from '#web/queryClient';
import { createAppRouter } from '#web/router';

type AppRouter = ReturnType<typeof createAppRouter>;

export interface AppProps {
  queryClient?: QueryClient;
  router?: AppRouter;
}

export function App(props: AppProps) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  // In an effect, not the state initialiser: StrictMode runs initialisers twice and keeps one result, so a
  // side effect there could point the CSRF header at a discarded client. Only writes need the token, and
  // no write happens before the first render has committed.
  useEffect(() => setCsrfTokenSource(() => csrfTokenFrom(queryClient)), [queryClient]);
  const [router] = useState(() => props.router ?? createAppRouter());
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
