// The face-stream dashboard: a tile per camera drawn from the live feed (GET /api/live, server-sent events), an
// alert feed, the people the sink recognises, and a search over the stored events. Plain browser JavaScript, no build
// step, nothing loaded from elsewhere.
'use strict';

const LANDMARK_COLOURS = ['#ff3b30', '#0a84ff', '#ffd60a', '#ff6fcf', '#32d7e6', '#ff9500']; // eyes, nose, mouth corners; or BlazeFace's eyes, nose, mouth, ears
const MAX_ALERTS = 100;
const UNTRACKED_COLOUR = '#30d158'; // a face from a worker without tracking

const state = {
  features: { alerts: false, crops: false },
  tiles: new Map(),      // camera id -> tile
  alertIds: new Set(),
  people: [],
  search: { offset: 0, limit: 50, query: null },
};

const byId = (id) => document.getElementById(id);

function api(path) {
  return fetch(path, { headers: { Accept: 'application/json' } }).then((response) => {
    if (!response.ok) {
      throw new Error(`${path}: HTTP ${response.status}`);
    }
    return response.json();
  });
}

// A request that changes something: the answer's JSON, or an Error with the API's reason.
function send(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  return fetch(path, { method, headers, body }).then((response) => {
    if (response.status === 204) {
      return null;
    }
    return response.json().catch(() => ({})).then((answer) => {
      if (!response.ok) {
        throw new Error(answer.error || `${method} ${path}: HTTP ${response.status}`);
      }
      return answer;
    });
  });
}

function cameraPath(cameraId) {
  return `/api/cameras/${encodeURIComponent(cameraId)}`;
}

function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

// ---- camera tiles ----

function tileFor(cameraId) {
  let tile = state.tiles.get(cameraId);
  if (tile) {
    return tile;
  }
  const element = byId('tile-template').content.firstElementChild.cloneNode(true);
  element.dataset.camera = cameraId;
  element.querySelector('.camera-id').textContent = cameraId;
  const tiles = byId('tiles');
  const after = [...tiles.children].find((other) => other.dataset.camera > cameraId);
  tiles.insertBefore(element, after || null);
  tile = { element, canvas: element.querySelector('canvas'), loading: false, pending: null, image: null };
  const context = tile.canvas.getContext('2d');
  context.fillStyle = '#888';
  context.font = '20px system-ui, sans-serif';
  context.fillText('waiting for face events…', 24, 40);
  state.tiles.set(cameraId, tile);
  byId('no-cameras').hidden = true;
  const option = document.createElement('option');
  option.value = cameraId;
  byId('camera-ids').appendChild(option);
  return tile;
}

function showStatus(status) {
  const tile = tileFor(status.cameraId);
  const badge = tile.element.querySelector('.state');
  badge.textContent = status.state.toLowerCase();
  badge.dataset.state = status.state;
  tile.element.querySelector('.reason').textContent = status.state === 'DOWN' && status.reason ? status.reason : '';
  if (!tile.element.dataset.sequence && status.measuredFps) {
    tile.element.querySelector('.fps').textContent = status.measuredFps.toFixed(1);
  }
}

function showCamera(camera) {
  const tile = tileFor(camera.id);
  if (camera.status) {
    showStatus(camera.status);
  }
  tile.element.classList.toggle('disabled', camera.enabled === false);
}

function showDetection(detection) {
  const tile = tileFor(detection.cameraId);
  const known = Number(tile.element.dataset.sequence);
  if (tile.element.dataset.sequence && detection.sequence < known && detection.sequence > known - 1000) {
    return; // an older event than the one shown (the snapshot of a reconnect)
  }
  const element = tile.element;
  element.dataset.sequence = detection.sequence;
  element.querySelector('.fps').textContent = detection.fps > 0 ? detection.fps.toFixed(1) : '–';
  element.querySelector('.latency').textContent = `${detection.latencyMs} ms`;
  element.querySelector('.lag').textContent = detection.lag == null ? '–' : `${detection.lag}`;
  element.querySelector('.faces').textContent = detection.status === 'OK'
    ? `${detection.faces.length}` : detection.status.toLowerCase().replace('_', ' ');
  element.querySelector('.sequence').textContent = `#${detection.sequence}`;
  element.querySelector('.scan').textContent = detection.scan ? detection.scan.toLowerCase() : '–';
  element.querySelector('.model').textContent = detection.model || '–';
  if (detection.frameSequence == null) {
    draw(tile, null, detection);
  } else {
    loadFrame(tile, detection);
  }
}

// One frame request per tile at a time; while it loads, only the newest waiting event is kept.
function loadFrame(tile, detection) {
  if (tile.loading) {
    tile.pending = detection;
    return;
  }
  tile.loading = true;
  const image = new Image();
  const done = (loaded) => {
    draw(tile, loaded ? image : tile.image, detection);
    if (loaded) {
      tile.image = image;
    }
    tile.loading = false;
    const next = tile.pending;
    tile.pending = null;
    if (next) {
      loadFrame(tile, next);
    }
  };
  image.onload = () => done(true);
  image.onerror = () => done(false);
  image.src = `${cameraPath(detection.cameraId)}/frame.jpg?sequence=${detection.sequence}`;
}

// A frame announced while no face event comes (the workers are behind or down): drawn without boxes.
function showFrame(frame) {
  const tile = tileFor(frame.cameraId);
  if (!tile.loading) {
    loadFrame(tile, { ...frame, faces: [], frameOnly: true });
  }
}

// A stable colour per track: the id hashed (FNV-1a) to a hue, so a person keeps a colour while in view. The golden
// ratio spreads the hash over the hues: ids born together differ only in their last character.
function trackColour(trackId) {
  if (!trackId) {
    return UNTRACKED_COLOUR;
  }
  let hash = 0x811c9dc5;
  for (const char of trackId) {
    hash = Math.imul(hash ^ char.codePointAt(0), 16777619) >>> 0;
  }
  return `hsl(${Math.floor(((hash * 0.6180339887) % 1) * 360)}, 90%, 55%)`;
}

// Ids are "<birth time ms>-<births that ms>": their tail tells the tracks in view apart.
function trackLabel(trackId) {
  return trackId.length > 6 ? trackId.slice(-6) : trackId;
}

function draw(tile, image, detection) {
  const canvas = tile.canvas;
  const width = detection.width || (image && image.naturalWidth) || 640;
  const height = detection.height || (image && image.naturalHeight) || 360;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d');
  if (image) {
    context.drawImage(image, 0, 0, width, height);
  } else {
    context.fillStyle = '#222';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#888';
    context.font = `${Math.round(width / 30)}px system-ui, sans-serif`;
    context.fillText('no frame received', width / 20, height / 10);
  }
  const line = Math.max(2, width / 320);
  context.lineWidth = line;
  context.font = `${Math.round(12 * line)}px system-ui, sans-serif`;
  for (const face of detection.faces) {
    const colour = trackColour(face.trackId);
    const label = [face.person, face.trackId && trackLabel(face.trackId), face.score.toFixed(2)]
      .filter(Boolean).join(' · ');
    context.strokeStyle = colour;
    context.strokeRect(face.x1, face.y1, face.x2 - face.x1, face.y2 - face.y1);
    context.fillStyle = colour;
    const labelX = Math.max(0, Math.min(face.x1, width - context.measureText(label).width)); // inside the frame
    context.fillText(label, labelX, Math.max(12 * line, face.y1 - 2 * line));
    face.landmarks.forEach((point, index) => {
      context.fillStyle = LANDMARK_COLOURS[index % LANDMARK_COLOURS.length];
      context.beginPath();
      context.arc(point.x, point.y, 1.5 * line, 0, 2 * Math.PI);
      context.fill();
    });
  }
  if (detection.frameOnly) {
    tile.element.dataset.drawnFrame = detection.sequence;
  } else {
    tile.element.dataset.drawnSequence = detection.sequence;
    tile.element.dataset.drawnFaces = detection.faces.length;
    tile.element.dataset.drawnTracks = detection.faces.filter((face) => face.trackId)
      .map((face) => trackLabel(face.trackId)).join(' ');
    tile.element.dataset.drawnPeople = detection.faces.map((face) => face.person).filter(Boolean).join(', ');
  }
}

// ---- alerts ----

const ALERT_TITLES = {
  FACE_PRESENT: 'Face present', FACE_GONE: 'Face gone', CAMERA_DOWN: 'Camera down', CAMERA_UP: 'Camera up',
};

function showAlert(alert) {
  if (state.alertIds.has(alert.alertId)) {
    return;
  }
  state.alertIds.add(alert.alertId);
  const item = document.createElement('li');
  item.className = 'alert';
  item.dataset.alertId = alert.alertId;
  item.dataset.type = alert.type;
  item.dataset.time = alert.time;
  item.appendChild(cropOf(alert));
  const text = document.createElement('div');
  const title = document.createElement('div');
  title.className = 'type';
  title.textContent = ALERT_TITLES[alert.type] || alert.type;
  if (alert.trackId) {
    // A per-person episode: the track's label and colour, as the tiles draw its face.
    item.dataset.track = trackLabel(alert.trackId);
    const track = document.createElement('span');
    track.className = 'track';
    track.title = `face track ${alert.trackId}`;
    track.textContent = trackLabel(alert.trackId);
    track.style.borderColor = trackColour(alert.trackId);
    title.append(' ', track);
  }
  if (alert.bestFace && alert.similarity != null) {
    const person = document.createElement('span');
    person.className = 'person';
    person.dataset.known = alert.person != null;
    person.textContent = alert.person || 'unknown';
    title.append(' · ', person);
  }
  const meta = document.createElement('div');
  meta.className = 'meta';
  const where = alert.zone ? `${alert.cameraId} · ${alert.zone}` : alert.cameraId;
  const score = alert.bestFace ? ` · score ${alert.bestFace.score.toFixed(2)}` : '';
  meta.textContent = `${where} · ${formatTime(alert.time)}${score}${alert.reason ? ` · ${alert.reason}` : ''}`;
  text.append(title, meta);
  if (state.features.crops && alert.bestFace && alert.type === 'FACE_PRESENT') {
    text.appendChild(enrolChoice(alert));
  }
  item.appendChild(text);
  const list = byId('alerts');
  const after = [...list.children].find((other) => other.dataset.time < alert.time);
  list.insertBefore(item, after || null);
  while (list.children.length > MAX_ALERTS) {
    const oldest = list.lastElementChild;
    state.alertIds.delete(oldest.dataset.alertId);
    oldest.remove();
  }
  byId('no-alerts').hidden = true;
}

function cropOf(alert) {
  const placeholder = document.createElement('div');
  placeholder.className = 'no-crop';
  if (!state.features.crops || !alert.bestFace) {
    return placeholder;
  }
  const image = document.createElement('img');
  image.alt = `face in frame ${alert.bestFace.sequence}`;
  image.onerror = () => image.replaceWith(placeholder); // crops expire with the events they come from
  image.src = `/api/crops/${encodeURIComponent(alert.cameraId)}/${alert.bestFace.sequence}/${alert.bestFace.faceIndex}`;
  return image;
}

// ---- people ----

// "This is…" under an alert's face: enrols its stored crop as the chosen person's.
function enrolChoice(alert) {
  const select = document.createElement('select');
  select.className = 'enrol';
  select.setAttribute('aria-label', 'Enrol this face as');
  fillPeople(select);
  select.addEventListener('change', () => {
    const personId = select.value;
    if (!personId) {
      return;
    }
    const face = { camera: alert.cameraId, sequence: alert.bestFace.sequence, face: alert.bestFace.faceIndex };
    select.disabled = true;
    send('POST', `/api/people/${personId}/faces`, JSON.stringify(face), 'application/json')
      .then(() => {
        const option = select.selectedOptions[0];
        option.textContent = `Enrolled as ${option.dataset.name}`;
        loadPeople();
      })
      .catch((error) => {
        select.disabled = false;
        select.value = '';
        peopleStatus(error.message, true);
      });
  });
  return select;
}

function fillPeople(select) {
  const chosen = select.value;
  const first = document.createElement('option');
  first.value = '';
  first.textContent = 'This is…';
  select.replaceChildren(first, ...state.people.map((person) => {
    const option = document.createElement('option');
    option.value = person.id;
    option.dataset.name = person.name;
    option.textContent = person.name;
    return option;
  }));
  select.value = chosen;
}

function peopleStatus(message, error) {
  const status = byId('people-status');
  status.textContent = message;
  status.toggleAttribute('data-error', Boolean(error));
}

function loadPeople() {
  return api('/api/people').then(showPeople).catch((error) => peopleStatus(error.message, true));
}

function showPeople(people) {
  state.people = people;
  byId('people').replaceChildren(...people.map(personItem));
  document.querySelectorAll('#alerts select.enrol:not(:disabled)').forEach(fillPeople);
}

function personItem(person) {
  const item = byId('person-template').content.firstElementChild.cloneNode(true);
  item.dataset.personId = person.id;
  item.querySelector('.name').textContent = person.name;
  item.querySelector('.note').textContent = person.note || '';
  item.querySelector('.faces').textContent = `${person.faces.length} face${person.faces.length === 1 ? '' : 's'}`;
  item.dataset.faces = person.faces.length;
  const upload = item.querySelector('input[type=file]');
  upload.addEventListener('change', () => {
    const photo = upload.files[0];
    if (photo) {
      peopleStatus(`Enrolling ${person.name}…`);
      send('POST', `/api/people/${person.id}/faces`, photo, photo.type || 'image/jpeg')
        .then(() => peopleStatus(`${person.name}: face enrolled.`))
        .catch((error) => peopleStatus(`${person.name}: ${error.message}`, true))
        .then(loadPeople);
    }
  });
  item.querySelector('.remove').addEventListener('click', () => {
    send('DELETE', `/api/people/${person.id}`)
      .then(() => peopleStatus(`${person.name} and their faces removed.`))
      .catch((error) => peopleStatus(error.message, true))
      .then(loadPeople);
  });
  item.querySelector('.enrolled').replaceChildren(...person.faces.map((face) => enrolledFace(person, face)));
  return item;
}

function enrolledFace(person, face) {
  const item = document.createElement('li');
  item.dataset.faceId = face.id;
  item.textContent = face.source ? `${face.source.camera} #${face.source.sequence}` : 'photo';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'remove-face';
  remove.title = 'Remove this face';
  remove.textContent = '×';
  remove.addEventListener('click', () => {
    send('DELETE', `/api/people/${person.id}/faces/${face.id}`)
      .catch((error) => peopleStatus(error.message, true))
      .then(loadPeople);
  });
  item.appendChild(remove);
  return item;
}

function addPerson(event) {
  event.preventDefault();
  const form = byId('add-person');
  const person = { name: form.name.value.trim(), note: form.note.value.trim() || null };
  send('POST', '/api/people', JSON.stringify(person), 'application/json')
    .then((added) => {
      form.reset();
      peopleStatus(`${added.name} added: now enrol a photo of them.`);
    })
    .catch((error) => peopleStatus(error.message, true))
    .then(loadPeople);
}

// ---- live feed ----

function connect() {
  const badge = byId('connection');
  const source = new EventSource('/api/live');
  source.onopen = () => {
    badge.textContent = 'live';
    badge.dataset.state = 'live';
  };
  source.onerror = () => {
    badge.textContent = 'reconnecting';
    badge.dataset.state = 'offline';
  };
  source.addEventListener('face', (event) => showDetection(JSON.parse(event.data)));
  source.addEventListener('frame', (event) => showFrame(JSON.parse(event.data)));
  source.addEventListener('status', (event) => showStatus(JSON.parse(event.data)));
  source.addEventListener('alert', (event) => showAlert(JSON.parse(event.data)));
}

// ---- search over stored events ----

function isoOf(localValue) {
  return localValue ? new Date(localValue).toISOString() : '';
}

function search(offset) {
  const form = byId('search');
  const query = new URLSearchParams();
  const camera = form.camera.value.trim();
  if (camera) {
    query.set('camera', camera);
  }
  if (form.from.value) {
    query.set('from', isoOf(form.from.value));
  }
  if (form.to.value) {
    query.set('to', isoOf(form.to.value));
  }
  state.search.limit = Number(form.limit.value);
  state.search.offset = offset;
  query.set('limit', state.search.limit);
  query.set('offset', offset);
  const status = byId('search-status');
  status.textContent = 'Searching…';
  fetch(`/api/events?${query}`, { headers: { Accept: 'application/json' } })
    .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
    .then(({ ok, body }) => {
      if (!ok) {
        status.textContent = body.error || 'The search failed.';
        return;
      }
      showResults(body);
    })
    .catch((error) => {
      status.textContent = `The search failed: ${error.message}`;
    });
}

function showResults(events) {
  const rows = byId('results').querySelector('tbody');
  rows.replaceChildren(...events.map((event) => {
    const row = document.createElement('tr');
    const latency = Date.parse(event.detectTime) - Date.parse(event.captureTime);
    [formatTime(event.captureTime), event.cameraId, `#${event.sequence}`, event.status.toLowerCase(),
      `${event.faces.length}`, event.faces.map((face) => face.score.toFixed(2)).join(', '),
      event.faces.map((face) => face.person).filter(Boolean).join(', '), `${latency} ms`]
      .forEach((value) => {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.appendChild(cell);
      });
    return row;
  }));
  const { offset, limit } = state.search;
  byId('search-status').textContent = events.length ? '' : 'No stored event matches.';
  byId('page').textContent = events.length ? `${offset + 1}–${offset + events.length}` : '';
  byId('previous').disabled = offset === 0;
  byId('next').disabled = events.length < limit;
}

// ---- start ----

function start() {
  byId('search').addEventListener('submit', (event) => {
    event.preventDefault();
    search(0);
  });
  byId('previous').addEventListener('click', () => search(Math.max(0, state.search.offset - state.search.limit)));
  byId('next').addEventListener('click', () => search(state.search.offset + state.search.limit));
  byId('add-person').addEventListener('submit', addPerson);
  api('/api/dashboard')
    .then((features) => {
      state.features = features;
    })
    .catch(() => {})
    .then(loadPeople)
    .then(() => api('/api/cameras').then((cameras) => cameras.forEach(showCamera)).catch(() => {}))
    .then(() => (state.features.alerts
      ? api('/api/alerts?limit=20').then((alerts) => alerts.forEach(showAlert)).catch(() => {})
      : null))
    .then(connect);
  search(0);
}

start();
