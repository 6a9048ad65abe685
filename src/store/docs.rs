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

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::schema::Document;
use crate::domain::time::Timestamp;
use crate::domain::Record;

/// Every record of one kind: id, record, save time, in id order.
pub type Typed<T> = Rc<Vec<(String, T, Timestamp)>>;

/// A record type's kind and its `Typed<T>` list.
type KindList = (&'static str, Rc<dyn Any>);

/// `kind/id` -> document, plus the typed lists read so far.
#[derive(Default)]
pub struct Docs {
    map: BTreeMap<String, Document>,
    /// Record type -> (its kind, its `Typed<T>` list).
    typed: RefCell<HashMap<TypeId, KindList>>,
    /// `kind/id` -> the record as validation read it when the store opened,
    /// taken (not read again) the first time its kind is listed. Dropped
    /// when the document under that key changes.
    read_at_open: RefCell<HashMap<String, Box<dyn Any>>>,
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
            read_at_open: RefCell::default(),
            changed: RefCell::default(),
        }
    }
}

fn kind_of(key: &str) -> &str {
    key.split('/').next().unwrap_or_default()
}

impl Docs {
    /// The documents, keyed `kind/id`.
    pub fn map(&self) -> &BTreeMap<String, Document> {
        &self.map
    }

    pub fn get(&self, key: &str) -> Option<&Document> {
        self.map.get(key)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Document)> {
        self.map.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Stores `doc` under `key`, returning what was there.
    pub fn insert(&mut self, key: String, doc: Document) -> Option<Document> {
        self.touch(&key);
        self.read_at_open.get_mut().remove(&key);
        self.map.insert(key, doc)
    }

    /// Stores `doc` as read from storage, with `record`, the typed record
    /// validation read from its body (if any), kept for the first listing.
    pub fn insert_read(&mut self, key: String, doc: Document, record: Option<Box<dyn Any>>) {
        self.insert(key.clone(), doc);
        if let Some(record) = record {
            self.read_at_open.get_mut().insert(key, record);
        }
    }

    /// Removes the document under `key`, returning it.
    pub fn remove(&mut self, key: &str) -> Option<Document> {
        let removed = self.map.remove(key);
        if removed.is_some() {
            self.touch(key);
            self.read_at_open.get_mut().remove(key);
        }
        removed
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.typed.get_mut().clear();
        self.read_at_open.get_mut().clear();
        self.changed.get_mut().clear();
    }

    /// Notes that the document under `key` changed, for every typed list of
    /// its kind; a list with too many changes is dropped.
    fn touch(&mut self, key: &str) {
        let kind = kind_of(key);
        let changed = self.changed.get_mut();
        self.typed.get_mut().retain(|type_id, (k, _)| {
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
    fn read_one<T: Record>(&self, key: &str, prefix: &str) -> Option<(String, T, Timestamp)> {
        let doc = self.map.get(key)?;
        let body = T::deserialize(&doc.body).ok()?;
        Some((key[prefix.len()..].to_string(), body, doc.saved))
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
        let mut read = self.read_at_open.borrow_mut();
        let list: Typed<T> = Rc::new(
            self.map
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter_map(|(k, doc)| {
                    let body = match read.remove(k.as_str()).map(|r| r.downcast::<T>()) {
                        Some(Ok(record)) => *record,
                        _ => T::deserialize(&doc.body).ok()?,
                    };
                    Some((k[prefix.len()..].to_string(), body, doc.saved))
                })
                .collect(),
        );
        drop(read);
        self.typed
            .borrow_mut()
            .insert(id, (T::KIND, Rc::clone(&list) as Rc<dyn Any>));
        list
    }
}
