// Entry of the lazily loaded account chunk: the sign-in, sign-up, password and account pages with their form
// library (react-hook-form). Most shoppers browse without signing in and never download it.
export { ForgotPasswordPage } from '../../features/auth/components/forgot-password-page.js';
export { LoginPage } from '../../features/auth/components/login-page.js';
export { ResetPasswordPage } from '../../features/auth/components/reset-password-page.js';
export { SignupPage } from '../../features/auth/components/signup-page.js';
export { VerifyEmailPage } from '../../features/auth/components/verify-email-page.js';
export { AccountRoute } from './account.js';
