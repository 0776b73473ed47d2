import { useEffect, useRef, useState } from 'react';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { Announcer, type AnnouncerState } from './announcer';
import { createSpeaker, type SpeakerStatus } from './speech';

/** Feeds every snapshot's recent calls to the voice queue; returns what is being said now. */
export function useAnnouncer(snapshot: QueueSnapshot | null): { state: AnnouncerState; speaker: SpeakerStatus } {
  const [state, setState] = useState<AnnouncerState>({ current: null, pending: [] });
  const [speaker, setSpeaker] = useState<SpeakerStatus>({ voice: null, needsGesture: false });
  const announcer = useRef<Announcer | null>(null);

  useEffect(() => {
    const voice = createSpeaker();
    const a = new Announcer({ speak: (text) => voice.speak(text), onChange: setState });
    announcer.current = a;
    const off = voice.onStatus(setSpeaker);
    return () => {
      off();
      a.stop();
      announcer.current = null;
    };
  }, []);

  useEffect(() => {
    if (snapshot) announcer.current?.offer(snapshot.recentCalls, snapshot.now, snapshot.day);
  }, [snapshot]);

  return { state, speaker };
}
