/**
 * The options page entry: renders the page (which sets its own language and title) with the shipped
 * pack's topics, the same parsed pack the content script uses (data/shipped-pack.ts).
 */
import { render } from 'preact';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { OptionsApp } from '../../components/options/OptionsApp';
import './style.css';

render(<OptionsApp shipped={SHIPPED_PACK.topics} />, document.getElementById('app')!);
