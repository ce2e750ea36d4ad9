export * from './errors.js';
export * from './system.js';
export * from './common.js';
export * from './auth.js';
export * from './admin/mail.js';
