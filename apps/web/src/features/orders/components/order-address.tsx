import type { TShippingAddress } from '@mercato/shared';

/** A shipping address as it would be written on a parcel. */
export function OrderAddress({ address }: { address: TShippingAddress }) {
  const region = new Intl.DisplayNames(['en'], { type: 'region' });
  return (
    <address className="text-sm not-italic leading-relaxed text-slate-800">
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {address.postalCode} {address.city}
      <br />
      {region.of(address.country) ?? address.country}
      <br />
      {address.phone}
    </address>
  );
}
