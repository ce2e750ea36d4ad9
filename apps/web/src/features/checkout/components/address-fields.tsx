import { useMemo } from 'react';
import { useFormContext } from 'react-hook-form';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import { countryOptions, labelError, type TCheckoutFormInput } from '../lib/address-form.js';

/** Shipping address fields with the autocomplete tokens browsers and password managers fill from. */
export function AddressFields() {
  const {
    register,
    formState: { errors },
  } = useFormContext<TCheckoutFormInput>();
  const fieldErrors = errors.shippingAddress;
  const countries = useMemo(() => countryOptions(), []);
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-4 text-lg font-semibold">Shipping address</legend>
      <Input
        label="Full name"
        autoComplete="shipping name"
        required
        containerClassName="sm:col-span-2"
        error={labelError('Name', fieldErrors?.name?.message)}
        {...register('shippingAddress.name')}
      />
      <Input
        label="Address"
        autoComplete="shipping address-line1"
        required
        containerClassName="sm:col-span-2"
        error={labelError('Address', fieldErrors?.line1?.message)}
        {...register('shippingAddress.line1')}
      />
      <Input
        label="Apartment, suite, etc. (optional)"
        autoComplete="shipping address-line2"
        containerClassName="sm:col-span-2"
        error={labelError('This line', fieldErrors?.line2?.message)}
        {...register('shippingAddress.line2')}
      />
      <Input
        label="City"
        autoComplete="shipping address-level2"
        required
        error={labelError('City', fieldErrors?.city?.message)}
        {...register('shippingAddress.city')}
      />
      <Input
        label="Postal code"
        autoComplete="shipping postal-code"
        required
        error={labelError('Postal code', fieldErrors?.postalCode?.message)}
        {...register('shippingAddress.postalCode')}
      />
      <Select
        label="Country"
        autoComplete="shipping country"
        required
        placeholder="Choose a country"
        error={labelError('Country', fieldErrors?.country?.message)}
        {...register('shippingAddress.country')}
      >
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </Select>
      <Input
        label="Phone"
        type="tel"
        autoComplete="shipping tel"
        required
        hint="For the delivery driver, if needed."
        error={labelError('Phone', fieldErrors?.phone?.message)}
        {...register('shippingAddress.phone')}
      />
    </fieldset>
  );
}
