// Vite's client types for the web app (CSS imports, import.meta.env).
/// <reference types="vite/client" />
