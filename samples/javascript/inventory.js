// Inventory tracking: a class, free functions, arrow functions and a closure.
'use strict';

const { EventEmitter } = require('events');

const DEFAULT_STOCK = 0;

/**
 * Format a price in cents as dollars.
 */
function formatPrice(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

// Sum the value of every item.
const totalValue = (items) => items.reduce((sum, item) => sum + item.price * item.qty, 0);

const byName = function (a, b) {
  return a.name.localeCompare(b.name);
};

function makeCounter(start = 0) {
  let count = start;
  function next() {
    count += 1;
    return count;
  }
  return next;
}

class Inventory extends EventEmitter {
  constructor() {
    super();
    this.items = new Map();
  }

  /** Add qty units of an item, creating it when needed. */
  add(name, price, qty = 1) {
    const item = this.items.get(name) || { name, price, qty: DEFAULT_STOCK };
    item.qty += qty;
    this.items.set(name, item);
    this.emit('change', item);
    return item;
  }

  remove(name) {
    return this.items.delete(name);
  }

  get size() {
    return this.items.size;
  }

  static fromList(list) {
    const inv = new Inventory();
    list.forEach(({ name, price, qty }) => inv.add(name, price, qty));
    return inv;
  }
}

async function loadInventory(fetchJson, url) {
  const list = await fetchJson(url);
  return Inventory.fromList(list);
}

function* ids(prefix) {
  let i = 0;
  while (true) yield `${prefix}-${i++}`;
}

module.exports = { Inventory, formatPrice, totalValue, byName, makeCounter, loadInventory, ids };
