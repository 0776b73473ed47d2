import { describe, expect, it } from 'vitest';
import { boardDisplay, exitGrantFromUrl, isBlockedKioskKey, isUnlockGesture, windowsFromArgs, windowUrl, type KeyInput } from '../../../electron/main/kiosk-policy';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, ...mods });

describe('windowsFromArgs', () => {
  it('opens the counter alone by default', () => {
    expect(windowsFromArgs(['electron', 'main.cjs'])).toEqual(['counter']);
  });
  it('--board adds the display board to the counter; --kiosk opens the kiosk alone', () => {
    expect(windowsFromArgs(['x', '--board'])).toEqual(['counter', 'board']);
    expect(windowsFromArgs(['x', '--kiosk'])).toEqual(['kiosk']);
  });
  it('--windows= lists any set, in a fixed order, ignoring unknown names', () => {
    expect(windowsFromArgs(['x', '--windows=board,kiosk'])).toEqual(['board', 'kiosk']);
    expect(windowsFromArgs(['x', '--windows= Kiosk , counter,evil'])).toEqual(['counter', 'kiosk']);
    expect(windowsFromArgs(['x', '--windows=board', '--kiosk'])).toEqual(['board']);
    expect(windowsFromArgs(['x', '--windows=nothing'])).toEqual(['counter']);
  });
});

describe('windowUrl', () => {
  it('loads our own page with the MessagePort transport', () => {
    expect(windowUrl('counter')).toBe('app://counter/index.html?transport=message-port');
    expect(windowUrl('board')).toBe('app://counter/index.html?transport=message-port#/board');
    expect(windowUrl('kiosk')).toBe('app://counter/index.html?transport=message-port#/kiosk');
  });
});

describe('boardDisplay', () => {
  const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const second = { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } };
  const third = { id: 3, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } };
  it('chooses the first display that is not the primary, full screen', () => {
    expect(boardDisplay([primary, second, third], primary)).toEqual({ display: second, fullscreen: true });
    expect(boardDisplay([third, primary, second], primary)).toEqual({ display: third, fullscreen: true });
  });
  it('falls back to a plain window on the primary display', () => {
    expect(boardDisplay([primary], primary)).toEqual({ display: primary, fullscreen: false });
  });
});

describe('isBlockedKioskKey', () => {
  it.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Escape', key('Escape')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+plus', key('+', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Ctrl+F4', key('F4', { control: true })],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedKioskKey(input)).toBe(true);
  });
  it.each([
    ['digits', key('5')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['letters', key('a')],
    ['Shift+letters', key('A', { shift: true })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedKioskKey(input)).toBe(false);
  });
});

describe('isUnlockGesture', () => {
  it('is Ctrl+Alt+Shift+P on key down only', () => {
    expect(isUnlockGesture(key('P', { control: true, alt: true, shift: true }))).toBe(true);
    expect(isUnlockGesture({ ...key('P', { control: true, alt: true, shift: true }), type: 'keyUp' })).toBe(false);
    expect(isUnlockGesture(key('p', { control: true, shift: true }))).toBe(false);
    expect(isUnlockGesture(key('P', { control: true, alt: true, shift: true, meta: true }))).toBe(false);
  });
});

describe('exitGrantFromUrl', () => {
  const grant = 'abcdefghijklmnopqrstuvwxyz012345';
  it('reads the grant of our exit route', () => {
    expect(exitGrantFromUrl(`app://counter/index.html?transport=message-port#/kiosk/exit?grant=${grant}`)).toBe(grant);
  });
  it('ignores other pages, other origins and malformed grants', () => {
    expect(exitGrantFromUrl(`app://counter/index.html#/kiosk?grant=${grant}`)).toBeNull();
    expect(exitGrantFromUrl(`app://counter/index.html#/kiosk/exit`)).toBeNull();
    expect(exitGrantFromUrl(`https://evil.example/#/kiosk/exit?grant=${grant}`)).toBeNull();
    expect(exitGrantFromUrl(`app://other/index.html#/kiosk/exit?grant=${grant}`)).toBeNull();
    expect(exitGrantFromUrl(`app://counter/index.html#/kiosk/exit?grant=short`)).toBeNull();
    expect(exitGrantFromUrl(`app://counter/index.html#/kiosk/exit?grant=${grant}%3Cscript`)).toBeNull();
    expect(exitGrantFromUrl('not a url')).toBeNull();
  });
});
