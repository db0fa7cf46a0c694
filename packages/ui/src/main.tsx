import { render } from 'preact';
import { App } from './app';
import './styles/base.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/evaluations.css';
import './styles/trace.css';
import './styles/conversation.css';
import './styles/onboarding.css';
import './styles/signals.css';

render(<App />, document.getElementById('app')!);
