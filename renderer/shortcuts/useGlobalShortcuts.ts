import { useHotkeys } from 'react-hotkeys-hook';
import { useNavigate } from 'react-router';
import { navSections } from '../app/nav';

/** Alt+digit switches section, Alt+L locks the screen and F1 toggles the help, also while typing in a form field. */
export function useGlobalShortcuts(toggleHelp: () => void, lockScreen: () => void): void {
  const navigate = useNavigate();
  useHotkeys(
    navSections.map((s) => s.shortcut),
    (event, handler) => {
      event.preventDefault();
      const combo = [handler.alt ? 'alt' : '', ...(handler.keys ?? [])].filter(Boolean).join('+');
      const section = navSections.find((s) => s.shortcut === combo);
      if (section) void navigate(section.path);
    },
    { enableOnFormTags: true, enableOnContentEditable: true },
  );
  useHotkeys('alt+l', (event) => {
    event.preventDefault();
    lockScreen();
  }, { enableOnFormTags: true });
  useHotkeys('f1', (event) => {
    event.preventDefault();
    toggleHelp();
  }, { enableOnFormTags: true });
}
