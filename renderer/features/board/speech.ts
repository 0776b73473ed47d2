/**
 * Web Speech for the board: a zh-CN voice where the system has one (voices load
 * asynchronously, so they are looked up again at every utterance and on `voiceschanged`).
 * Without a voice the text is only shown; the announcer still waits `silentMs` per call so
 * the calls stay on screen one after another.
 */
export interface Speaker {
  speak(text: string): Promise<void>;
  /** Name of the voice in use, or null when there is none (text only). */
  voiceName(): string | null;
  /** Called when the voice list changes or the browser refuses to speak before a user gesture. */
  onStatus(listener: (s: SpeakerStatus) => void): () => void;
}

export interface SpeakerStatus {
  voice: string | null;
  /** Chromium refuses speech until someone has clicked the page once. */
  needsGesture: boolean;
}

/** A hard stop per utterance: Chromium sometimes never fires `end`. */
const MAX_UTTERANCE_MS = 15_000;

function pickVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const norm = (lang: string) => lang.replace('_', '-').toLowerCase();
  return (
    voices.find((v) => norm(v.lang) === 'zh-cn') ??
    voices.find((v) => /^cmn/.test(norm(v.lang)) || norm(v.lang) === 'zh-hans-cn') ??
    voices.find((v) => norm(v.lang).startsWith('zh') && !/hk|tw/.test(norm(v.lang))) ??
    null
  );
}

export function createSpeaker(silentMs = 5000): Speaker {
  const synth: SpeechSynthesis | undefined = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  const listeners = new Set<(s: SpeakerStatus) => void>();
  let needsGesture = false;
  const voice = () => (synth ? pickVoice(synth.getVoices()) : null);
  const status = (): SpeakerStatus => ({ voice: voice()?.name ?? null, needsGesture });
  const notify = () => listeners.forEach((l) => l(status()));
  synth?.addEventListener?.('voiceschanged', notify);
  window.addEventListener('pointerdown', () => {
    if (needsGesture) {
      needsGesture = false;
      notify();
    }
  });

  const silent = () => new Promise<void>((resolve) => setTimeout(resolve, silentMs));

  return {
    voiceName: () => voice()?.name ?? null,
    onStatus(listener) {
      listeners.add(listener);
      listener(status());
      return () => listeners.delete(listener);
    },
    speak(text) {
      const v = voice();
      if (!synth || !v) return silent();
      return new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = v;
        u.lang = 'zh-CN';
        u.rate = 0.85;
        u.volume = 1;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clearTimeout(guard);
          resolve();
        };
        const guard = setTimeout(() => {
          synth.cancel();
          finish();
        }, MAX_UTTERANCE_MS);
        u.onend = finish;
        u.onerror = (e) => {
          if (e.error === 'not-allowed') {
            needsGesture = true;
            notify();
            // Keep the text on screen for as long as it would have been said.
            void silent().then(finish);
            return;
          }
          finish();
        };
        synth.speak(u);
      });
    },
  };
}
