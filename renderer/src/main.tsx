import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useApp } from './state/app';
import './styles.css';

// The app's status and reference data are asked for before React first renders (the spinner),
// not after: the host answers while the page builds its first screen.
void useApp.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
