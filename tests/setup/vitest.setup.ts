// Every unit test gets a fresh in-memory IndexedDB, so Dexie runs in Node as it does in the window.
import 'fake-indexeddb/auto';
