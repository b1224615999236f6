// Shared venues (阵地): the city's registry and each venue's booking calendar. Query keys start
// with 'venues' so a meeting write (which books or releases a venue) refreshes them too.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../../api/types';

export type VenueListQuery = QueryOf<'/api/venues', 'get'>;
export type Venue = ResponseOf<'/api/venues/{id}', 'get'>;
export type VenueBody = BodyOf<'/api/venues', 'post'>;
export type OpeningSlot = Venue['openingHours'][number];
export type VenueCalendar = ResponseOf<'/api/venues/{id}/bookings', 'get'>;
export type Booking = VenueCalendar['items'][number];

export const venueKeys = {
  all: ['venues'] as const,
  list: (q: VenueListQuery) => ['venues', 'list', q] as const,
  one: (id: number) => ['venues', 'one', id] as const,
  bookings: (id: number, from: string, to: string) => ['venues', 'bookings', id, from, to] as const,
};

export function useVenues(query: VenueListQuery) {
  return useQuery({ queryKey: venueKeys.list(query), queryFn: () => unwrap(api.GET('/api/venues', { params: { query } })), placeholderData: keepPreviousData });
}

export function useVenue(id: number) {
  return useQuery({ queryKey: venueKeys.one(id), queryFn: () => unwrap(api.GET('/api/venues/{id}', { params: { path: { id } } })), enabled: id > 0 });
}

export function useVenueBookings(id: number, from: string, to: string) {
  return useQuery({
    queryKey: venueKeys.bookings(id, from, to),
    queryFn: () => unwrap(api.GET('/api/venues/{id}/bookings', { params: { path: { id }, query: { from, to } } })),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

function useVenueWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: venueKeys.all }) });
}

export const useCreateVenue = () => useVenueWrite((body: VenueBody) => unwrap(api.POST('/api/venues', { body })));
export const useUpdateVenue = () =>
  useVenueWrite(({ id, body }: { id: number; body: VenueBody & { version: number } }) => unwrap(api.PUT('/api/venues/{id}', { params: { path: { id } }, body })));
export const useSetVenueClosed = () =>
  useVenueWrite(({ id, version, closed }: { id: number; version: number; closed: boolean }) =>
    closed
      ? unwrap(api.POST('/api/venues/{id}/close', { params: { path: { id } }, body: { version } }))
      : unwrap(api.POST('/api/venues/{id}/reopen', { params: { path: { id } }, body: { version } })));
