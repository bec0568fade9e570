'use strict';
// The service's CPU per simulation by pipeline stage, from a JFR recording of CPU-time samples
// (jdk.CPUTimeSample, JDK 25 on Linux: a sample per slice of a thread's CPU time, native and kernel time
// included) or, where that event is missing, execution samples (jdk.ExecutionSample: threads in Java
// code only). Each sample goes to the stage of the innermost frame that names one, else to its thread's
// stage; the JIT's and the GC's threads are never sampled, so their CPU is read from /proc beside it.
const { execFileSync } = require('child_process');

// innermost frame first: the first rule whose pattern matches a frame decides
const FRAME_RULES = [
  [/^io\.evmsim\.evm\.trace\.|^io\.evmsim\.worker\.rpc\.TransferLogTracer/, 'tracers'],
  [/^io\.evmsim\.worker\.result\.|^io\.evmsim\.worker\.simulation\.SimulationExecutor\.summary|^io\.evmsim\.worker\.rpc\.\w*Json\./, 'result JSON'],
  [/^io\.evmsim\.evm\./, 'execution'],
  [/^io\.evmsim\.worker\.state\.|^io\.evmsim\.statecache\./, 'state'],
  [/^io\.evmsim\.worker\.messaging\.KafkaResultSink/, 'publish (worker)'],
  [/^io\.evmsim\.worker\./, 'worker poll'],
  [/^io\.evmsim\.api\.storage\.|^org\.postgresql\.|^com\.zaxxer\.hikari\.|^io\.evmsim\.api\.messaging\.ResultListeners\.store/, 'store'],
  [/^io\.evmsim\.api\.messaging\.(ResultListeners|PartJoiner)|^io\.evmsim\.api\.simulation\.(PendingSimulations|SimulationWatch)/, 'gateway consume'],
  [/^io\.evmsim\.api\.messaging\.KafkaRequestPublisher/, 'publish (gateway)'],
  [/^io\.evmsim\.api\.request\./, 'HTTP in'],
  [/^org\.apache\.(coyote|tomcat|catalina)\..*(OutputBuffer|\.write|\.flush|Response\.)|^io\.evmsim\.api\.web\.SimulationController\.write/, 'HTTP out'],
];
// by thread name, for samples no frame placed
const THREAD_RULES = [
  [/^kafka-producer-network-thread \| simulate-api/, 'publish (gateway)'],
  [/^kafka-producer-network-thread \| executor-worker/, 'publish (worker)'],
  [/^results-/, 'gateway consume'],
  [/^(org\.springframework\.kafka\.KafkaListenerEndpointContainer|container-|engine-|simulation-cancellations)/, 'worker poll'],
  [/^(data-plane-kafka|kafka-|group-coordinator|share-|raft|quorum|controller-|ExpirationReaper|executor-|broker-|transaction-log)/, 'broker'],
  [/^http-nio-([\d.]+-)?8082-|^HttpClient-/, 'state'], // the state cache's port (bin/standalone) and its client
  [/^http-nio-/, 'HTTP in'],
];
const STAGES = ['HTTP in', 'publish (gateway)', 'broker', 'worker poll', 'state', 'execution', 'tracers', 'result JSON',
  'publish (worker)', 'gateway consume', 'store', 'HTTP out', 'other'];

/** Starts a recording of CPU samples on the JVM `pid`; returns the event it samples. */
function start(pid, file) {
  for (const [event, setting] of [['jdk.CPUTimeSample', 'throttle=1ms'], ['jdk.ExecutionSample', 'period=1ms']]) {
    try {
      execFileSync('jcmd', [String(pid), 'JFR.start', 'name=bench-stages', 'settings=none', `filename=${file}`,
        `+${event}#enabled=true`, `+${event}#${setting}`], { stdio: 'pipe' });
      return event;
    } catch (e) { /* this JDK has no such event: the next */ }
  }
  throw new Error('JFR could not be started on ' + pid);
}

function stop(pid) {
  execFileSync('jcmd', [String(pid), 'JFR.stop', 'name=bench-stages'], { stdio: 'pipe' });
}

/** Samples per stage in the recording `file`. */
function samplesByStage(file, event) {
  const text = execFileSync('jfr', ['print', '--stack-depth', '256', '--events', event, file],
    { maxBuffer: 1 << 30, encoding: 'utf8' });
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0]));
  for (const sample of text.split(/\n(?=jdk\.)/)) {
    const thread = (/(?:sampledThread|eventThread) = "([^"]*)"/.exec(sample) || [])[1] || '';
    const frames = [...sample.matchAll(/^\s+([\w$.]+)\(/gm)].map((m) => m[1]);
    if (frames.length === 0) continue;
    let stage = null;
    for (const frame of frames) {
      const rule = FRAME_RULES.find(([pattern]) => pattern.test(frame));
      if (rule) { stage = rule[1]; break; }
    }
    if (!stage) stage = (THREAD_RULES.find(([pattern]) => pattern.test(thread)) || [null, 'other'])[1];
    counts[stage]++;
  }
  return counts;
}

module.exports = { start, stop, samplesByStage, STAGES };
