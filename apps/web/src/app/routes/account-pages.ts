// Entry of the lazily loaded account chunk: the sign-in, sign-up, password, account and unsubscribe pages with their
// form library (react-hook-form). Most shoppers browse without signing in and never download it.
export { AccountLayout } from '../../features/account/components/account-layout.js';
export { ForgotPasswordPage } from '../../features/auth/components/forgot-password-page.js';
export { LoginPage } from '../../features/auth/components/login-page.js';
export { ResetPasswordPage } from '../../features/auth/components/reset-password-page.js';
export { SignupPage } from '../../features/auth/components/signup-page.js';
export { VerifyEmailPage } from '../../features/auth/components/verify-email-page.js';
export { UnsubscribePage } from '../../features/marketing/components/unsubscribe-page.js';
export { AccountRoute, PrivacyRoute } from './account.js';
