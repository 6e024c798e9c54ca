// Uniqueness constraints and indexes, applied at every Open; IF NOT EXISTS
// makes each statement harmless the second time. Statements end with ';'.
//
// Lock nodes are what writers lock first (curations, then article|ID, then
// key|EVENTKEY and entity|KIND:ID), so that two writers touching the same
// article, event key or entity run one after the other, and curations run
// alone: the constraint makes their MERGE one node.
CREATE CONSTRAINT lock_key IF NOT EXISTS FOR (l:Lock) REQUIRE l.key IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT entity_term_tid IF NOT EXISTS FOR (t:EntityTerm) REQUIRE t.tid IS UNIQUE;
CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url);
CREATE INDEX article_hash IF NOT EXISTS FOR (a:Article) ON (a.hash);
CREATE INDEX claim_key IF NOT EXISTS FOR (c:Claim) ON (c.key);
CREATE INDEX event_key IF NOT EXISTS FOR (e:Event) ON (e.key);
CREATE INDEX event_order IF NOT EXISTS FOR (e:Event) ON (e.orderKey, e.id);
CREATE INDEX event_bloc IF NOT EXISTS FOR (e:Event) ON (e.blocLC);
CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type);
CREATE INDEX event_subject IF NOT EXISTS FOR (e:Event) ON (e.subjectLC);
CREATE INDEX event_place IF NOT EXISTS FOR (e:Event) ON (e.placeLC);
// An entity's events of a date range (a bloc's or a country's year, a page
// from a date) seek the entity, then the range of orderKey that eventWhere
// derives from the range.
CREATE INDEX event_bloc_order IF NOT EXISTS FOR (e:Event) ON (e.blocLC, e.orderKey);
CREATE INDEX event_subject_order IF NOT EXISTS FOR (e:Event) ON (e.subjectLC, e.orderKey);
CREATE INDEX event_place_order IF NOT EXISTS FOR (e:Event) ON (e.placeLC, e.orderKey);
CREATE INDEX entity_id IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.idLC);
CREATE INDEX entity_term_entity IF NOT EXISTS FOR (t:EntityTerm) ON (t.entity);
CREATE CONSTRAINT curation_id IF NOT EXISTS FOR (c:Curation) REQUIRE c.id IS UNIQUE;
CREATE INDEX curation_created IF NOT EXISTS FOR (c:Curation) ON (c.createdAt);
