import { clipsForText, clipUrl, type ClipId } from './clips';

/**
 * The board's voice: a zh-CN Web Speech voice where the system has one (voices load
 * asynchronously, so they are looked up again at every utterance and on `voiceschanged`);
 * else the built-in clips (clips.ts), so every board calls in Mandarin. Only when a text is
 * not a call the clips can say, or the clips cannot be played, is the text only shown; the
 * announcer still waits `silentMs` per call so the calls stay on screen one after another.
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
/** What the status shows while the built-in clips speak. */
export const BUILT_IN_VOICE = '内置语音';

class NeedsGesture extends Error {}

/** Plays clips one after another through <audio>; each element is made once and reused. */
function clipPlayer() {
  const cache = new Map<ClipId, HTMLAudioElement>();
  const element = (id: ClipId) => {
    let a = cache.get(id);
    if (!a) {
      a = new Audio(clipUrl(id));
      a.preload = 'auto';
      cache.set(id, a);
    }
    return a;
  };
  const playOne = (id: ClipId) =>
    new Promise<void>((resolve, reject) => {
      const a = element(id);
      const guard = setTimeout(done, 5000);
      function done(error?: Error) {
        clearTimeout(guard);
        a.onended = null;
        a.onerror = null;
        if (error) reject(error);
        else resolve();
      }
      a.onended = () => done();
      a.onerror = () => done(new Error(`voice clip ${id} could not be played`));
      a.currentTime = 0;
      a.play().catch((e: unknown) => done((e as Error).name === 'NotAllowedError' ? new NeedsGesture() : (e as Error)));
    });
  return async (ids: readonly ClipId[]) => {
    for (const id of ids) await playOne(id);
  };
}

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
  let clipsBroken = false;
  const playClips = clipPlayer();
  const voice = () => (synth ? pickVoice(synth.getVoices()) : null);
  const voiceName = () => voice()?.name ?? (clipsBroken ? null : BUILT_IN_VOICE);
  const status = (): SpeakerStatus => ({ voice: voiceName(), needsGesture });
  const notify = () => listeners.forEach((l) => l(status()));
  synth?.addEventListener?.('voiceschanged', notify);
  window.addEventListener('pointerdown', () => {
    if (needsGesture) {
      needsGesture = false;
      notify();
    }
  });

  const silent = () => new Promise<void>((resolve) => setTimeout(resolve, silentMs));

  async function speakClips(text: string): Promise<void> {
    const clips = clipsForText(text);
    if (!clips || clipsBroken) return silent();
    try {
      await playClips(clips);
    } catch (error) {
      if (error instanceof NeedsGesture) needsGesture = true;
      else clipsBroken = true;
      notify();
      // Keep the text on screen for as long as it would have been said.
      await silent();
    }
  }

  return {
    voiceName,
    onStatus(listener) {
      listeners.add(listener);
      listener(status());
      return () => listeners.delete(listener);
    },
    speak(text) {
      const v = voice();
      if (!synth || !v) return speakClips(text);
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
