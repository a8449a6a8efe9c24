import { describe, expect, it } from 'vitest';
import { createTokenSigner, generateSigningKeyPem } from '../../src/platform/crypto/signer.ts';

describe('signed QR tokens (Ed25519)', () => {
  const signer = createTokenSigner(generateSigningKeyPem());

  it('verifies what it signed and returns the claims', () => {
    const token = signer.sign('r', { r: '01JABCDEFGHJKMNPQRSTVWXYZ0', s: 2 });
    const result = signer.verify(token, 'r');
    expect(result).toEqual({ ok: true, claims: { r: '01JABCDEFGHJKMNPQRSTVWXYZ0', s: 2, k: 'r', kid: signer.keyId } });
  });

  it('refuses an altered payload, a foreign key, another kind and garbage', () => {
    const token = signer.sign('r', { r: 'A', s: 1 });
    const [prefix, body, sig] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ r: 'B', s: 1, k: 'r', kid: signer.keyId })).toString('base64url');
    expect(signer.verify(`${prefix}.${altered}.${sig}`, 'r')).toEqual({ ok: false, problem: 'bad_signature' });
    expect(signer.verify(`${prefix}.${body}.${sig!.slice(0, -2)}AA`, 'r')).toMatchObject({ ok: false });
    const other = createTokenSigner(generateSigningKeyPem());
    expect(signer.verify(other.sign('r', { r: 'A', s: 1 }), 'r')).toEqual({ ok: false, problem: 'unknown_key' });
    expect(signer.verify(token, 'c')).toEqual({ ok: false, problem: 'wrong_kind' });
    for (const bad of ['', 'FK1', 'FK1.a.b.c', 'XX1.e30.AAAA', `FK1.${'!'.repeat(4)}.AAAA`, 'x'.repeat(700)]) {
      expect(signer.verify(bad, 'r')).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('publishes a 32-byte raw public key a browser can import', () => {
    expect(Buffer.from(signer.publicKey, 'base64url')).toHaveLength(32);
    expect(signer.keyId).toMatch(/^[0-9a-f]{16}$/);
  });
});
