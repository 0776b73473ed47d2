import { describe, expect, it } from 'vitest';
import { publicSettings, settingsPatchSchema, settingsSchema } from '../../../shared/settings/schema';
import { publicSettingsSchema } from '../../../shared/contract/system';

describe('upstream settings', () => {
  it('the signing secret never leaves core; only whether it is set', () => {
    const s = settingsSchema.parse({ upstream: { enabled: true, url: 'https://up.example/medins', keyId: 'hall-1', keySecret: 'secret-secret-secret' } });
    const pub = publicSettings(s);
    expect(JSON.stringify(pub)).not.toContain('secret-secret-secret');
    expect(pub.upstream).toMatchObject({ keyId: 'hall-1', keySecretSet: true, signing: 'hmac-sha256' });
    expect(publicSettingsSchema.parse(pub).upstream).not.toHaveProperty('keySecret');
  });

  it('the secret and the CA file cannot be set over the API', () => {
    const patch = settingsPatchSchema.parse({ upstream: { keySecret: 'secret-secret-secret', caCertFile: '/tmp/evil.pem', signing: 'sm3' } });
    expect(patch.upstream).not.toHaveProperty('keySecret');
    expect(patch.upstream).not.toHaveProperty('caCertFile');
    expect(patch.upstream?.signing).toBe('sm3');
  });
});
