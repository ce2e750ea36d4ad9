import { renderEmail } from '../mail/layout.js';
import type { MailMessage } from '../mail/mailer.js';

interface Links {
  storeName: string;
  publicUrl: string;
}

export function verifyEmailMessage(links: Links, to: string, name: string, token: string): MailMessage {
  const url = `${links.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return {
    to,
    tag: 'auth.verify-email',
    ...renderEmail(links.storeName, {
      subject: `Confirm your email for ${links.storeName}`,
      paragraphs: [
        `Hi ${name},`,
        'Confirm your email address to finish creating your account. The link is valid for 24 hours.',
      ],
      action: { label: 'Confirm my email', url },
      footer: 'If you did not sign up, ignore this email; no account will be activated.',
    }),
  };
}

/** Sent when someone signs up with an address that already has an account: the owner learns, the requester doesn't. */
export function alreadyRegisteredMessage(links: Links, to: string): MailMessage {
  return {
    to,
    tag: 'auth.already-registered',
    ...renderEmail(links.storeName, {
      subject: `You already have a ${links.storeName} account`,
      paragraphs: [
        'Someone (hopefully you) tried to create an account with this email address, but you already have one.',
        'Sign in instead, or reset your password if you have forgotten it.',
      ],
      action: { label: 'Reset my password', url: `${links.publicUrl}/forgot-password` },
      footer: 'If this was not you, you can ignore this email; your account has not changed.',
    }),
  };
}

export function resetPasswordMessage(links: Links, to: string, name: string, token: string): MailMessage {
  const url = `${links.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    tag: 'auth.reset-password',
    ...renderEmail(links.storeName, {
      subject: `Reset your ${links.storeName} password`,
      paragraphs: [
        `Hi ${name},`,
        'Use the link below to choose a new password. It works once and expires in 30 minutes.',
      ],
      action: { label: 'Choose a new password', url },
      footer: 'If you did not ask for this, ignore this email; your password stays the same.',
    }),
  };
}

export function passwordChangedMessage(links: Links, to: string, name: string): MailMessage {
  return {
    to,
    tag: 'auth.password-changed',
    ...renderEmail(links.storeName, {
      subject: `Your ${links.storeName} password was changed`,
      paragraphs: [
        `Hi ${name},`,
        'Your password was just changed and every other device was signed out.',
        'If this was not you, reset your password right away.',
      ],
      action: { label: 'Reset my password', url: `${links.publicUrl}/forgot-password` },
    }),
  };
}
