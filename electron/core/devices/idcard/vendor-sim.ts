import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_CARDS, type FakeCard } from './fake-cards';
import { NATIONS } from './nations';

/**
 * A stand-in for the vendors' local reader services (华视 and 中控 JSON shapes), answering on
 * 127.0.0.1 with the fake cards. Used by tests and for demos without the vendor's program.
 */
export interface VendorSimulator {
  url: string;
  place(cardId: string | null): void;
  requests: string[];
  close(): Promise<void>;
}

const dotted = (yyyymmdd: string) => (yyyymmdd === '长期' ? '长期' : `${yyyymmdd.slice(0, 4)}.${yyyymmdd.slice(4, 6)}.${yyyymmdd.slice(6, 8)}`);

function chinaVisionJson(card: FakeCard): Record<string, unknown> {
  const f = card.fields;
  return {
    resultFlag: 0, errorMsg: '', partyName: f.name ?? '', englishName: f.foreignName ?? '', gender: f.sex === '1' ? '男' : '女',
    nation: f.nation ? (NATIONS[f.nation] ?? '') : '', bornDay: f.birth, certAddress: f.address ?? '', certNumber: f.idNumber, certOrg: f.authority ?? '',
    effDate: f.validFrom, expDate: f.validTo, passNu: f.passNumber ?? '', signCount: f.issueCount ?? '', nationality: f.nationality ?? '',
    certType: { resident: ' ', hkmotw: 'J', foreign2017: 'I', foreign2023: 'Y' }[card.cardType],
    identityPic: '/9j/4AAQSkZJRgABAQ==',
  };
}

function zktecoJson(card: FakeCard): Record<string, unknown> {
  const f = card.fields;
  return {
    ret: 0,
    Certificate: {
      Name: f.name ?? '', EnglishName: f.foreignName ?? '', Sex: f.sex === '1' ? '男' : '女', Nation: f.nation ? `${NATIONS[f.nation] ?? ''}族` : '',
      Birthday: `${f.birth!.slice(0, 4)}-${f.birth!.slice(4, 6)}-${f.birth!.slice(6, 8)}`, Address: f.address ?? '', IDNumber: f.idNumber,
      IDIssued: f.authority ?? '', ValidDate: `${dotted(f.validFrom!)}-${dotted(f.validTo!)}`, PassNo: f.passNumber ?? '', Nationality: f.nationality ?? '',
      Base64Photo: '',
    },
  };
}

export async function startVendorSimulator(cards: readonly FakeCard[] = FAKE_CARDS, port = 0): Promise<VendorSimulator> {
  let placed: FakeCard | null = null;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/OpenDevice' || url.pathname === '/CloseDevice') return send({ resultFlag: 0, errorMsg: '' });
    if (url.pathname === '/readcard') return send(placed ? chinaVisionJson(placed) : { resultFlag: -1, errorMsg: '请放置证件' });
    if (url.pathname === '/ZKIDROnline/ScanReadIdCardInfo') return send(placed ? zktecoJson(placed) : { ret: -2, msg: '未找到证件，请放置证件' });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    place(cardId) {
      placed = cardId === null ? null : (cards.find((c) => c.id === cardId) ?? null);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
