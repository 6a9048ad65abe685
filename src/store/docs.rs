//! The store's documents in memory, with the typed records of each kind kept
//! once they have been read.
//!
//! Pages ask for every record of a kind again and again (each summary re-runs
//! after every save), and with years of history reading thousands of records
//! out of JSON values each time was most of the work of a tap. [`Docs`] reads
//! a kind once and hands out the same list until a record of that kind
//! changes: every change goes through [`Docs::insert`], [`Docs::remove`],
//! or [`Docs::clear`], which note the keys they touch, so a list is never
//! older than the documents. The next listing reads just those keys again
//! and patches the list in place (one saved win no longer means reading
//! every win of three years again), unless someone still holds the old list
//! or too many keys changed: then the kind is read afresh.
//!
//! A record read when the store opens is kept as its stored text
//! ([`DocText`]) and the record its type read from it; the body becomes a
//! `serde_json::Value` only when something asks for the document (an
//! export, a conflict with another tab), so years of history are parsed
//! once at start-up, not twice.

use std::any::{Any, TypeId};
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::schema::{DocText, Document};
use crate::domain::time::Timestamp;
use crate::domain::Record;

/// Every record of one kind: id, record, save time, in id order.
pub type Typed<T> = Rc<Vec<(String, T, Timestamp)>>;

/// A record type's kind and its `Typed<T>` list.
type KindList = (&'static str, Rc<dyn Any>);

/// One stored record.
struct Slot {
    /// The document: given for a record this tab saved or took from
    /// elsewhere, read from `text` the first time it is asked for otherwise.
    doc: OnceCell<Document>,
    /// The stored text of a record read when the store opened.
    text: Option<DocText>,
    /// The record as validation read it when the store opened, taken (not
    /// read again) the first time its kind is listed.
    read: RefCell<Option<Box<dyn Any>>>,
}

impl Slot {
    fn of(doc: Document, read: Option<Box<dyn Any>>) -> Self {
        Self {
            doc: OnceCell::from(doc),
            text: None,
            read: RefCell::new(read),
        }
    }

    fn doc(&self) -> &Document {
        self.doc.get_or_init(|| match &self.text {
            Some(text) => text.to_document(),
            None => unreachable!("a slot holds a document or its text"),
        })
    }

    fn into_doc(self) -> Document {
        self.doc();
        self.doc.into_inner().expect("read just above")
    }

    fn saved(&self) -> Timestamp {
        match (self.doc.get(), &self.text) {
            (None, Some(text)) => text.saved,
            _ => self.doc().saved,
        }
    }

    /// The record as a `T`: the one read at opening if still there, else
    /// read afresh ([`Slot::parse`]).
    fn record<T: Record + 'static>(&self) -> Option<T> {
        if let Some(read) = self.read.borrow_mut().take() {
            if let Ok(record) = read.downcast::<T>() {
                return Some(*record);
            }
        }
        self.parse()
    }

    /// The record read as a `T` from the stored text (cheaper than building
    /// its value first) or from the document.
    fn parse<T: Record>(&self) -> Option<T> {
        match (self.doc.get(), &self.text) {
            (None, Some(text)) => serde_json::from_str(text.body()).ok(),
            _ => T::deserialize(&self.doc().body).ok(),
        }
    }
}

impl Clone for Slot {
    /// The same document; the copy reads its records afresh.
    fn clone(&self) -> Self {
        Self {
            doc: self.doc.clone(),
            text: self.text.clone(),
            read: RefCell::default(),
        }
    }
}

/// `kind/id` -> document, plus the typed lists read so far.
#[derive(Default)]
pub struct Docs {
    map: BTreeMap<String, Slot>,
    /// Record type -> (its kind, its `Typed<T>` list).
    typed: RefCell<HashMap<TypeId, KindList>>,
    /// Record type -> the `kind/id` keys changed since its list was read.
    changed: RefCell<HashMap<TypeId, BTreeSet<String>>>,
}

/// Beyond this many changed keys (an import, say) a kind is read afresh.
const PATCH_AT_MOST: usize = 64;

impl Clone for Docs {
    /// A copy of the documents; the copy reads its typed lists afresh.
    fn clone(&self) -> Self {
        Self {
            map: self.map.clone(),
            typed: RefCell::default(),
            changed: RefCell::default(),
        }
    }
}

fn kind_of(key: &str) -> &str {
    key.split('/').next().unwrap_or_default()
}

impl Docs {
    /// Every document, keyed `kind/id` (a copy, for tests and diagnostics).
    pub fn documents(&self) -> BTreeMap<String, Document> {
        self.iter().map(|(k, d)| (k.clone(), d.clone())).collect()
    }

    pub fn get(&self, key: &str) -> Option<&Document> {
        self.map.get(key).map(Slot::doc)
    }

    /// The record under `key` read as a `T`, if it reads as one.
    pub fn parse<T: Record>(&self, key: &str) -> Option<T> {
        self.map.get(key)?.parse()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Document)> {
        self.map.iter().map(|(k, slot)| (k, slot.doc()))
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Stores `doc` under `key`, returning what was there.
    pub fn insert(&mut self, key: String, doc: Document) -> Option<Document> {
        self.put(key, Slot::of(doc, None))
    }

    /// Stores `doc` as read from storage, with `record`, the typed record
    /// validation read from its body (if any), kept for the first listing.
    pub fn insert_read(&mut self, key: String, doc: Document, record: Option<Box<dyn Any>>) {
        self.put(key, Slot::of(doc, record));
    }

    /// Stores current-version documents as read from storage, still as
    /// text, each with the typed record validation read from its body;
    /// `sorted` is in key order, so an empty map is built in one go.
    pub fn fill(&mut self, sorted: Vec<(String, DocText, Box<dyn Any>)>) {
        let slot = |text, record| Slot {
            doc: OnceCell::new(),
            text: Some(text),
            read: RefCell::new(Some(record)),
        };
        if self.map.is_empty() {
            self.typed.get_mut().clear();
            self.changed.get_mut().clear();
            self.map = sorted
                .into_iter()
                .map(|(key, text, record)| (key, slot(text, record)))
                .collect();
        } else {
            for (key, text, record) in sorted {
                self.put(key, slot(text, record));
            }
        }
    }

    fn put(&mut self, key: String, slot: Slot) -> Option<Document> {
        self.touch(&key);
        self.map.insert(key, slot).map(Slot::into_doc)
    }

    /// Removes the document under `key`, returning it.
    pub fn remove(&mut self, key: &str) -> Option<Document> {
        let removed = self.map.remove(key)?;
        self.touch(key);
        Some(removed.into_doc())
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.typed.get_mut().clear();
        self.changed.get_mut().clear();
    }

    /// Notes that the document under `key` changed, for every typed list of
    /// its kind; a list with too many changes is dropped.
    fn touch(&mut self, key: &str) {
        let typed = self.typed.get_mut();
        if typed.is_empty() {
            return;
        }
        let kind = kind_of(key);
        let changed = self.changed.get_mut();
        typed.retain(|type_id, (k, _)| {
            if *k != kind {
                return true;
            }
            let keys = changed.entry(*type_id).or_default();
            keys.insert(key.to_string());
            if keys.len() > PATCH_AT_MOST {
                changed.remove(type_id);
                return false;
            }
            true
        });
    }

    /// Reads the record under `key` (id after `prefix`) as a `T`, if it is
    /// there and reads.
    fn read_one<T: Record + 'static>(
        &self,
        key: &str,
        prefix: &str,
    ) -> Option<(String, T, Timestamp)> {
        let slot = self.map.get(key)?;
        let record = slot.record::<T>()?;
        Some((key[prefix.len()..].to_string(), record, slot.saved()))
    }

    /// Every record of kind `T` that reads as a `T`, with id and save time,
    /// in id order. Read from the documents the first time, then shared
    /// until a record of that kind changes.
    pub fn all<T: Record + 'static>(&self) -> Typed<T> {
        let id = TypeId::of::<T>();
        let prefix = format!("{}/", T::KIND);
        let kept = self.typed.borrow_mut().remove(&id);
        let changed = self.changed.borrow_mut().remove(&id).unwrap_or_default();
        if let Some(Ok(list)) = kept.map(|(_, l)| l.downcast::<Vec<(String, T, Timestamp)>>()) {
            // Unchanged: shared as it is. Changed, and held by nobody else:
            // patched in place.
            let patched = if changed.is_empty() {
                Some(list)
            } else {
                Rc::try_unwrap(list).ok().map(|mut list| {
                    for key in &changed {
                        let at =
                            list.binary_search_by(|(i, _, _)| i.as_str().cmp(&key[prefix.len()..]));
                        match (at, self.read_one::<T>(key, &prefix)) {
                            (Ok(i), Some(record)) => list[i] = record,
                            (Ok(i), None) => {
                                list.remove(i);
                            }
                            (Err(i), Some(record)) => list.insert(i, record),
                            (Err(_), None) => {}
                        }
                    }
                    Rc::new(list)
                })
            };
            if let Some(list) = patched {
                self.typed
                    .borrow_mut()
                    .insert(id, (T::KIND, Rc::clone(&list) as Rc<dyn Any>));
                return list;
            }
        }
        let list: Typed<T> = Rc::new(
            self.map
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter_map(|(k, slot)| {
                    let record = slot.record::<T>()?;
                    Some((k[prefix.len()..].to_string(), record, slot.saved()))
                })
                .collect(),
        );
        self.typed
            .borrow_mut()
            .insert(id, (T::KIND, Rc::clone(&list) as Rc<dyn Any>));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::Profile;

    fn text(welcomed: bool) -> DocText {
        let raw = format!(
            r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{{"welcomed":{welcomed}}}}}"#
        );
        DocText::parse(raw).unwrap()
    }

    fn profile(welcomed: bool) -> Box<dyn Any> {
        Box::new(Profile {
            welcomed,
            ..Profile::default()
        })
    }

    #[test]
    fn filled_documents_read_as_text_then_as_values_alike() {
        let mut docs = Docs::default();
        docs.fill(vec![
            ("profile/a".into(), text(true), profile(true)),
            ("profile/b".into(), text(false), profile(false)),
        ]);
        // Listed from what validation read, then afresh from the text once
        // a profile changes.
        let first = docs.all::<Profile>();
        assert_eq!(first.len(), 2);
        assert!(first[0].1.welcomed && !first[1].1.welcomed);
        docs.fill(vec![("profile/c".into(), text(true), profile(true))]);
        let again = docs.all::<Profile>();
        assert_eq!(again.len(), 3);
        assert_eq!(again[..2], first[..]);
        assert_eq!(docs.parse::<Profile>("profile/b"), Some(first[1].1.clone()));
        // The document, read from the text when asked for.
        let doc = docs.get("profile/a").unwrap().clone();
        assert_eq!(doc.body, serde_json::json!({"welcomed": true}));
        assert_eq!(doc.saved, first[0].2);
        assert_eq!(docs.remove("profile/a"), Some(doc));
        assert_eq!(docs.all::<Profile>().len(), 2);
        assert_eq!(docs.documents().len(), 2);
    }
}
