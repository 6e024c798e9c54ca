// Package entente is the domain of Entente: the vocabulary every other package
// speaks. It imports only the standard library.
//
// # The graph
//
// Nodes are entities and articles; edges are events and their sources.
//
//   - An Entity is a Country (ID: ISO 3166-1 alpha-3, "KAZ"), a Bloc (ID: the
//     upper-case acronym, "BRICS") or a Person (ID: a stable slug,
//     "kassym-jomart-tokayev"). Extraction output writes them with a kind
//     prefix ("country:KAZ", "bloc:BRICS", "person:kassym-jomart-tokayev");
//     EntityRef and ParseEntityKey convert between the two forms.
//   - An Article is one news article: its URL, title, publisher, publication
//     date, text, content hash and the extractor version that read it.
//   - A Claim is what one article says about one event: its key fields, its
//     date as the article gives it, the quote and its offsets. Claims are
//     replaced whenever their article is stored again.
//   - An Event is what the claims of several articles agree on: claims with
//     the same EventKey whose dates are compatible (one refines the other)
//     are one event; GroupClaims decides this, the same way for every store.
//     An event's date is the most precise date its sources agree on; claims
//     that disagree on the date stay separate events.
//   - A Membership is derived, never stored: DeriveMemberships turns a
//     country's JOINED, WITHDREW and SUSPENDED events for a bloc and role
//     into "member since … until …".
//
// Dates are partial (Date): "2024", "2024-10" or "2024-10-16", stored,
// compared and returned without inventing a month or a day.
package entente
