// Placeholder until this page is written.
export function VenueCalendarPage() {
  return null;
}
