import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { BookingList, BookingQuery, CreateVenueBody, IdParams, IdResponse, Ok, UpdateVenueBody, VenueList, VenueListQuery, VenueView, VersionBody } from './venue.schemas';
import { createVenueService } from './venue.service';

const tags = ['venues'];
const ok = { ok: true as const };

/** Shared organisational-life venues (阵地) of a city: registry, opening, and the booking calendar. */
export function venueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const venues = createVenueService(ctx);
  return async (app) => {
    // Seen by everyone who plans meetings or runs venues in the city (checked by the service).
    app.get('/api/venues', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listVenues', tags, summary: 'The city\'s venues (for meeting.write or venue.manage holders), open ones unless includeClosed', querystring: VenueListQuery, response: { 200: VenueList, ...errorResponses } },
    }, async (request) => venues.list(accessOf(request), request.query));

    app.get('/api/venues/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getVenue', tags, summary: 'One venue with its opening hours', params: IdParams, response: { 200: VenueView, ...errorResponses } },
    }, async (request) => venues.get(accessOf(request), request.params.id));

    app.get('/api/venues/:id/bookings', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listVenueBookings', tags, summary: 'The venue\'s calendar between two dates (inclusive): meeting title, organisation, time', params: IdParams, querystring: BookingQuery, response: { 200: BookingList, ...errorResponses } },
    }, async (request) => venues.bookings(accessOf(request), request.params.id, request.query));

    app.post('/api/venues', {
      config: { access: 'venue.manage' },
      schema: { operationId: 'createVenue', tags, summary: 'Register a venue of a town or the city', body: CreateVenueBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await venues.create(accessOf(request), request.body) }));

    app.put('/api/venues/:id', {
      config: { access: 'venue.manage' },
      schema: { operationId: 'updateVenue', tags, summary: 'Edit a venue (version-checked)', params: IdParams, body: UpdateVenueBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await venues.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/venues/:id/close', {
      config: { access: 'venue.manage' },
      schema: { operationId: 'closeVenue', tags, summary: 'Stop taking bookings (bookings already made stay)', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await venues.setClosed(accessOf(request), request.params.id, request.body.version, true);
      return ok;
    });

    app.post('/api/venues/:id/reopen', {
      config: { access: 'venue.manage' },
      schema: { operationId: 'reopenVenue', tags, summary: 'Take bookings again', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await venues.setClosed(accessOf(request), request.params.id, request.body.version, false);
      return ok;
    });
  };
}
