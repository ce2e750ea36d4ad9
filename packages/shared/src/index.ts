export * from './errors.js';
export * from './system.js';
export * from './common.js';
export * from './auth.js';
export * from './admin/mail.js';
export * from './money.js';
export * from './store/catalog.js';
export * from './admin/catalog.js';
