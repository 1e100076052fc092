import '@mantine/core/styles.css';
import './console.css';
import { createTheme, DEFAULT_THEME, MantineProvider, type MantineColorsTuple } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './session';

/** Mantine's palette with shades 6–9 darkened: text and white-on-colour keep a 4.5:1 contrast (axe, WCAG AA). */
function sombre(nom: keyof typeof DEFAULT_THEME.colors, fonces: [string, string, string, string]): MantineColorsTuple {
  return [...DEFAULT_THEME.colors[nom].slice(0, 6), ...fonces] as unknown as MantineColorsTuple;
}

const theme = createTheme({
  colors: {
    green: sombre('green', ['#237032', '#1f6b2e', '#1b5e20', '#154a19']),
    orange: sombre('orange', ['#b34700', '#a63f00', '#993a00', '#8a3300']),
    red: sombre('red', ['#c92a2a', '#b02525', '#a61e1e', '#8f1a1a']),
    blue: sombre('blue', ['#1864ab', '#175a9a', '#144f88', '#114375']),
    indigo: sombre('indigo', ['#3b5bdb', '#364fc7', '#2f44ad', '#283a96']),
    gray: sombre('gray', ['#5c636a', '#495057', '#343a40', '#212529']),
  },
  primaryColor: 'indigo',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // Darker shades than Mantine's defaults: text on light backgrounds keeps a 4.5:1 contrast.
  primaryShade: 8,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <SessionProvider>
        <App />
      </SessionProvider>
    </MantineProvider>
  </StrictMode>,
);
