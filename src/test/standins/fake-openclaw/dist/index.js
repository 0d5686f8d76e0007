#!/usr/bin/env node
// Fake OpenClaw gateway for openclaw-fleet tests (test code only, no dependencies).
//
// `node index.js gateway --port P` behaves like OpenClaw's gateway as far as a fleet auditor can
// observe it: config resolution (JSON5), the gateway.mode / auth-token start checks, the gateway
// lock files, the port, its log lines and its exit codes under launchd. See ../../README.md.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const VERSION = '2026.9.6';
const DEFAULT_PORT = 18789;

function out(line) { process.stdout.write(line + '\n'); }
function err(line) { process.stderr.write(line + '\n'); }
function fail(line, code = 1) { err(line); process.exit(code); }

// ------------------------------------------------------------------ JSON5 (enough for fixtures)

// A small recursive-descent JSON5 reader: comments, trailing commas, unquoted keys, single-quoted
// strings, hex / signed / Infinity / NaN numbers. Errors name a position, never the text.
function parseJson5(text) {
  let i = 0;
  let line = 1;
  let col = 1;
  const bad = (what) => { throw new Error(`${what} at line ${line} column ${col}`); };
  const peek = () => text[i];
  const next = () => {
    const c = text[i++];
    if (c === '\n') { line += 1; col = 1; } else { col += 1; }
    return c;
  };
  function skip() {
    for (;;) {
      const c = peek();
      if (c === undefined) return;
      if (/\s/.test(c) || c === '\uFEFF') { next(); continue; }
      if (c === '/' && text[i + 1] === '/') { while (peek() !== undefined && peek() !== '\n') next(); continue; }
      if (c === '/' && text[i + 1] === '*') {
        next(); next();
        while (peek() !== undefined && !(peek() === '*' && text[i + 1] === '/')) next();
        if (peek() === undefined) bad('unterminated comment');
        next(); next();
        continue;
      }
      return;
    }
  }
  function string() {
    const quote = next();
    let s = '';
    for (;;) {
      const c = next();
      if (c === undefined) bad('unterminated string');
      if (c === quote) return s;
      if (c === '\\') {
        const e = next();
        const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
        if (e === 'u') {
          const hex = text.substr(i, 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) bad('bad unicode escape');
          for (let k = 0; k < 4; k++) next();
          s += String.fromCharCode(parseInt(hex, 16));
        } else if (e === 'x') {
          const hex = text.substr(i, 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) bad('bad hex escape');
          next(); next();
          s += String.fromCharCode(parseInt(hex, 16));
        } else if (e === '\n') {
          // line continuation
        } else if (e in simple) {
          s += simple[e];
        } else if (e === undefined) {
          bad('unterminated string');
        } else {
          s += e;
        }
      } else {
        s += c;
      }
    }
  }
  function identifier() {
    let s = '';
    while (peek() !== undefined && /[A-Za-z0-9_$]/.test(peek())) s += next();
    if (!s) bad('unexpected character');
    return s;
  }
  function number() {
    const m = /^[+-]?(0[xX][0-9a-fA-F]+|Infinity|NaN|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) bad('bad number');
    for (let k = 0; k < m[0].length; k++) next();
    const raw = m[0];
    const sign = raw[0] === '-' ? -1 : 1;
    const body = raw.replace(/^[+-]/, '');
    if (body === 'Infinity') return sign * Infinity;
    if (body === 'NaN') return NaN;
    if (/^0[xX]/.test(body)) return sign * parseInt(body, 16);
    return sign * Number(body);
  }
  function value() {
    skip();
    const c = peek();
    if (c === '{') {
      next();
      const obj = {};
      for (;;) {
        skip();
        if (peek() === '}') { next(); return obj; }
        const key = (peek() === '"' || peek() === "'") ? string() : identifier();
        skip();
        if (next() !== ':') bad('expected ":"');
        obj[key] = value();
        skip();
        if (peek() === ',') { next(); continue; }
        if (peek() === '}') { next(); return obj; }
        bad('expected "," or "}"');
      }
    }
    if (c === '[') {
      next();
      const arr = [];
      for (;;) {
        skip();
        if (peek() === ']') { next(); return arr; }
        arr.push(value());
        skip();
        if (peek() === ',') { next(); continue; }
        if (peek() === ']') { next(); return arr; }
        bad('expected "," or "]"');
      }
    }
    if (c === '"' || c === "'") return string();
    if (c === undefined) bad('unexpected end of input');
    if (/[-+.\d]/.test(c) || text.startsWith('Infinity', i) || text.startsWith('NaN', i)) return number();
    const word = identifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    bad('unexpected word');
    return undefined;
  }
  const result = value();
  skip();
  if (i < text.length) bad('unexpected content after the value');
  return result;
}

// ------------------------------------------------------------------ arguments and config

function parseArgs(argv) {
  const opts = { command: null, port: null };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--version' || a === '-V') { out(VERSION); process.exit(0); }
    if (a === '--port') {
      if (k + 1 >= argv.length) fail('error: option --port requires a value');
      opts.port = argv[++k];
    } else if (a.startsWith('--port=')) {
      opts.port = a.slice('--port='.length);
    } else if (!a.startsWith('-') && opts.command === null) {
      opts.command = a;
    }
    // Other options (--verbose, --force, --allow-unconfigured ...) are accepted and ignored.
  }
  return opts;
}

function userPath(p) {
  // OpenClaw resolves a leading ~ in its own path variables (launchd itself never expands it).
  if (p === '~') return os.homedir();
  if (p.startsWith('~/')) return path.join(process.env.HOME || os.homedir(), p.slice(2));
  return path.resolve(p);
}

function validPort(raw, source) {
  const s = String(raw).trim();
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < 1 || n > 65535) fail(`Invalid gateway port from ${source}: ${s}`);
  return n;
}

function readConfig(configPath) {
  let text;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return {};
    fail(`Cannot read config ${configPath}: ${e.code || e.message}`);
  }
  try {
    const cfg = parseJson5(text);
    return cfg && typeof cfg === 'object' && !Array.isArray(cfg) ? cfg : {};
  } catch (e) {
    return fail(`Invalid config at ${configPath}: ${e.message}`);
  }
}

// ------------------------------------------------------------------ the gateway lock

function processStartMs(pid) {
  // Linux: start time of a pid in ms since epoch, or null when unknown. 'gone' for zombies/dead.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'gone';
    const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))[1]);
    return btime * 1000 + Number(fields[19]) * 10; // USER_HZ is 100 on Linux
  } catch (e) {
    return e.code === 'ENOENT' ? 'gone' : null;
  }
}

function ownerAlive(owner) {
  const pid = Number(owner.pid);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  const started = processStartMs(pid);
  if (started === 'gone') return false;
  // A lock is stale when its pid now belongs to a process started at another time.
  if (started !== null && Number.isFinite(Number(owner.startTime))
      && Math.abs(started - Number(owner.startTime)) > 3000) return false;
  return true;
}

function lockPlan(stateDir, configPath) {
  const uid = process.getuid();
  const hash = crypto.createHash('sha256').update(configPath).digest('hex').slice(0, 8);
  if (process.env.FAKE_OPENCLAW_LEGACY_LOCK === '1') {
    // Before mid-2026: one shared folder per user, keyed by the config path only.
    const dir = path.join(process.env.TMPDIR || '/tmp', `openclaw-${uid}`);
    return { dir, files: [path.join(dir, `gateway.${hash}.lock`)] };
  }
  const dir = path.join(stateDir, 'tmp', `openclaw-${uid}`);
  return { dir, files: [path.join(dir, `gateway.${hash}.lock`), path.join(dir, 'gateway.state.lock')] };
}

const held = [];

function releaseLocks() {
  while (held.length) {
    const file = held.pop();
    try {
      const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (owner.pid === process.pid) fs.unlinkSync(file);
    } catch (e) { /* already gone */ }
  }
}

// Returns null when every lock file is ours, else {owner, file} of the live owner.
function acquireLocks(plan, payload) {
  fs.mkdirSync(plan.dir, { recursive: true, mode: 0o700 });
  for (const file of plan.files) {
    let got = false;
    for (let attempt = 0; attempt < 3 && !got; attempt++) {
      try {
        fs.writeFileSync(file, payload, { flag: 'wx', mode: 0o600 });
        held.push(file);
        got = true;
      } catch (e) {
        if (e.code !== 'EEXIST') throw e;
        let owner = null;
        try { owner = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (ignored) { /* torn or gone */ }
        if (owner === null) {
          // Unreadable: either being written right now (fresh) or garbage (stale).
          let age = Infinity;
          try { age = Date.now() - fs.statSync(file).mtimeMs; } catch (ignored) { continue; }
          if (age < 2000) { releaseLocks(); return { owner: { pid: '?' }, file }; }
        } else if (ownerAlive(owner)) {
          releaseLocks();
          return { owner, file };
        }
        try { fs.unlinkSync(file); } catch (ignored) { /* someone else took it over */ }
      }
    }
    if (!got) { releaseLocks(); return { owner: { pid: '?' }, file }; }
  }
  return null;
}

// ------------------------------------------------------------------ main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.command !== 'gateway') {
    fail(`usage: openclaw gateway [--port <port>] (fake openclaw ${VERSION} only emulates the gateway)`);
  }
  const startTime = Math.round(Date.now() - process.uptime() * 1000);
  const stateDir = userPath(process.env.OPENCLAW_STATE_DIR || path.join(os.homedir(), '.openclaw'));
  const configPath = userPath(process.env.OPENCLAW_CONFIG_PATH || path.join(stateDir, 'openclaw.json'));
  const config = readConfig(configPath);

  if (process.env.FAKE_OPENCLAW_EXIT_CODE !== undefined) {
    const code = Number(process.env.FAKE_OPENCLAW_EXIT_CODE);
    err(`fake gateway exiting with ${code}`);
    process.exit(code);
  }

  const gateway = (config.gateway && typeof config.gateway === 'object') ? config.gateway : {};
  if (gateway.mode !== 'local') {
    const current = gateway.mode === undefined ? 'unset' : String(gateway.mode);
    fail(`Gateway start blocked: set gateway.mode=local (current: ${current}).`);
  }

  let port = DEFAULT_PORT;
  if (opts.port !== null) port = validPort(opts.port, '--port');
  else if (process.env.OPENCLAW_GATEWAY_PORT) port = validPort(process.env.OPENCLAW_GATEWAY_PORT, 'OPENCLAW_GATEWAY_PORT');
  else if (gateway.port !== undefined) port = validPort(gateway.port, 'gateway.port');

  const auth = (gateway.auth && typeof gateway.auth === 'object') ? gateway.auth : {};
  const hasToken = (typeof auth.token === 'string' && auth.token.trim() !== '')
      || !!(process.env.OPENCLAW_GATEWAY_TOKEN || '').trim();
  if (auth.mode === 'token' && !hasToken) {
    // Never print a token; here there is none to print anyway.
    fail('Gateway auth is set to token mode but no token is configured '
        + '(set gateway.auth.token or OPENCLAW_GATEWAY_TOKEN).');
  }

  const host = gateway.bind === 'lan' ? '0.0.0.0' : '127.0.0.1';
  const plan = lockPlan(stateDir, configPath);
  const payload = JSON.stringify({
    pid: process.pid, createdAt: new Date().toISOString(), configPath, stateDir, port, startTime,
  }, null, 2) + '\n';
  const taken = acquireLocks(plan, payload);
  if (taken) {
    // What OpenClaw does under launchd when a healthy gateway owns the lock: exit 0, and
    // KeepAlive starts it again: the "exit 0 loop".
    err(`gateway already running (pid ${taken.owner.pid}); lock timeout after 5000ms`);
    err(`another gateway owns ${taken.file}; leaving it in control`);
    process.exit(0);
  }
  process.on('exit', releaseLocks);

  let server = null;
  const shutdown = (sig) => {
    out(`received ${sig}; shutting down`);
    releaseLocks();
    if (server) {
      server.close();
      if (server.closeAllConnections) server.closeAllConnections();
    }
    process.exit(0);
  };
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => shutdown(sig));

  const listen = () => {
    server = http.createServer((req, res) => {
      const url = (req.url || '/').split('?')[0];
      if (req.method === 'GET' && url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, port, pid: process.pid }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'not found' }));
    });
    server.on('error', (e) => {
      releaseLocks();
      if (e.code === 'EADDRINUSE') {
        err(`another gateway instance is already listening on ws://127.0.0.1:${port}`);
        err('leaving it in control');
        process.exit(0);
      }
      fail(`failed to bind ${host}:${port}: ${e.code || e.message}`);
    });
    server.listen({ port, host }, () => {
      out(`listening on ws://${host}:${port} (pid ${process.pid})`);
    });
  };

  const delay = Number(process.env.FAKE_OPENCLAW_START_DELAY_MS || 0);
  if (delay > 0) setTimeout(listen, delay); else listen();
}

main();
