// Renderer entry: mounts the Svelte app into the window (Electron or a plain browser).
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to mount Orderline into');

export default mount(App, { target });
