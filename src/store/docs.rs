//! The store's documents in memory, with the typed records of each kind kept
//! once they have been read.
//!
//! Pages ask for every record of a kind again and again (each summary re-runs
//! after every save), and with years of history reading thousands of records
//! out of JSON values each time was most of the work of a tap. [`Docs`] reads
//! a kind once and hands out the same list until a record of that kind
//! changes: every change goes through [`Docs::insert`], [`Docs::remove`],
//! or [`Docs::clear`], which forget the typed lists of the
//! kinds they touch, so a list is never older than the documents.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
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
}

impl Clone for Docs {
    /// A copy of the documents; the copy reads its typed lists afresh.
    fn clone(&self) -> Self {
        Self {
            map: self.map.clone(),
            typed: RefCell::default(),
            read_at_open: RefCell::default(),
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
        self.forget(kind_of(&key));
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
            self.forget(kind_of(key));
            self.read_at_open.get_mut().remove(key);
        }
        removed
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.typed.get_mut().clear();
        self.read_at_open.get_mut().clear();
    }

    /// Drops the typed lists of `kind`.
    fn forget(&mut self, kind: &str) {
        self.typed.get_mut().retain(|_, (k, _)| *k != kind);
    }

    /// Every record of kind `T` that reads as a `T`, with id and save time,
    /// in id order. Read from the documents the first time, then shared
    /// until a record of that kind changes.
    pub fn all<T: Record + 'static>(&self) -> Typed<T> {
        let id = TypeId::of::<T>();
        if let Some((_, list)) = self.typed.borrow().get(&id) {
            if let Ok(list) = Rc::clone(list).downcast::<Vec<(String, T, Timestamp)>>() {
                return list;
            }
        }
        let prefix = format!("{}/", T::KIND);
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
