// Whether the store's server answers right now. navigator.onLine only says a network cable is in;
// a GET /health with a short timeout says the server itself is there.
import type { FetchLike } from './syncHttp';

export async function serverReachable(
  fetchFn: FetchLike,
  serverUrl: string,
  timeoutMs = 3000,
): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchFn(`${serverUrl}/health`, { method: 'GET', signal: controller.signal });
    return response.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
