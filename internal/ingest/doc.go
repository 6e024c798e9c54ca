// Package ingest turns files, folders, JSON lines, web pages and news feeds
// into stored articles: fetch → clean → extract → upsert.
//
// A Source yields Items one at a time; a Pipeline runs them through
// extraction on all cores and writes them to an entente.ArticleStore in
// batches, skipping articles already stored. Every stage streams through
// bounded channels, so memory stays flat however large the input.
//
// ingest imports the domain (internal/entente) and small consumer
// interfaces of its own (Extractor, Fetcher); it never imports a store
// backend, the GraphQL layer or cmd.
package ingest
