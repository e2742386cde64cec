// Compares the ids of the Hugging Face tokenizers library (Node bindings, Rust core) with Seedling's ids in cases.json.
// Usage: node check.js JAVA_TOKENIZER_JSON REFERENCE_TOKENIZER_JSON   (run in the folder holding cases.json)
const { Tokenizer } = require('tokenizers');
const fs = require('fs');
(async () => {
  const [javaJson, refJson] = process.argv.slice(2);
  const cases = JSON.parse(fs.readFileSync('cases.json', 'utf8'));
  const tj = Tokenizer.fromFile(javaJson);
  const tr = Tokenizer.fromFile(refJson);
  let bad = 0, n = 0, decBad = 0;
  for (const c of cases) {
    for (const [tok, key] of [[tj, 'java'], [tr, 'ref']]) {
      const enc = await tok.encode(c.text, null, { addSpecialTokens: false });
      const ids = enc.getIds();
      n++;
      if (JSON.stringify(ids) !== JSON.stringify(c[key])) {
        bad++;
        if (bad <= 5) console.log('MISMATCH', key, JSON.stringify(c.text).slice(0, 120), '\n hf  ', JSON.stringify(ids).slice(0, 200), '\n java', JSON.stringify(c[key]).slice(0, 200));
      }
      const dec = await tok.decode(c[key], false);
      if (dec !== c.text) { decBad++; if (decBad <= 3) console.log('DECODE MISMATCH', key, JSON.stringify(c.text).slice(0, 80), JSON.stringify(dec).slice(0, 80)); }
    }
  }
  console.log(`${n} encodings compared, ${bad} differ; ${decBad} decodes differ`);
})();
