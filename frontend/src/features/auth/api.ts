import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { session } from '../../auth/session';
import { useToken } from '../../auth/useToken';
import { navigate } from '../../router/router';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export function useMe() {
  const token = useToken();
  return useQuery({
    // The token is part of the key so another login never shows the previous user.
    queryKey: [...authKeys.me, token],
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}

export interface Credentials {
  username: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: Credentials) =>
      unwrap(
        api.POST('/api/v1/auth/token', {
          body: { grant_type: 'password', username, password },
          // openapi-fetch form-encodes the body for this content type (OAuth2 password flow).
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ),
    onSuccess: (token) => {
      queryClient.clear();
      session.setToken(token.access_token, token.expires_in);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    session.clear();
    queryClient.clear();
    navigate('/');
  };
}
