import { useRef, useState } from 'react';
import { Alert, App, Button, Skeleton, Space } from 'antd';
import { PrinterOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CaseDocument } from '../../../shared/contract/cases';
import { downloadDocumentPdf, printElement } from './documents';
import { QrCode } from './QrCode';
import { ReceiptActions } from '../printing/ReceiptActions';
import './cases.css';

/** A 受理回执 / 一次性告知书 / 办结通知 as the applicant will get it, with 打印 and 下载PDF. */
export function DocumentPreview({ id, compact = false }: { id: number; compact?: boolean }) {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const doc = useQuery(orpc.cases.document.queryOptions({ input: { id } }));
  const paper = useRef<HTMLDivElement>(null);
  const [downloading, setDownloading] = useState(false);

  if (doc.isPending) return <Skeleton active />;
  if (doc.isError) return <Alert type="error" showIcon title="文书无法打开" description={errorText(doc.error)} />;

  const pdf = async () => {
    setDownloading(true);
    try {
      await downloadDocumentPdf(client, id);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="doc-preview-wrap">
      <Space className="doc-preview-actions">
        <Button autoInsertSpace={false} icon={<PrinterOutlined />} onClick={() => printElement(paper.current)}>
          打印
        </Button>
        <Button icon={<FilePdfOutlined />} loading={downloading} onClick={() => void pdf()}>
          下载PDF
        </Button>
        <ReceiptActions documentId={id} />
      </Space>
      <div ref={paper} className={`doc-paper${compact ? ' is-compact' : ''}`} data-testid="document-preview">
        <DocumentBody doc={doc.data} />
      </div>
    </div>
  );
}

export function DocumentBody({ doc }: { doc: CaseDocument }) {
  return (
    <>
      <div className="doc-hall">{doc.hallName}</div>
      <h2 className="doc-title">{doc.title}</h2>
      <div className="doc-meta">
        <span>办件编号：{doc.caseNo}</span>
        <span>{hallDayjs(doc.issuedAt).format('YYYY年M月D日 HH:mm')}</span>
      </div>
      {doc.blocks.map((block, i) => {
        switch (block.type) {
          case 'fields':
            return (
              <table key={i} className="doc-fields">
                <tbody>
                  {block.rows.map(([label, value], j) => (
                    <tr key={j}>
                      <th>{label}</th>
                      <td>{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          case 'list':
            return (
              <div key={i} className="doc-list">
                <div className="doc-list-title">{block.title}</div>
                <ul>
                  {block.items.map((item, j) => (
                    <li key={j}>{item}</li>
                  ))}
                </ul>
              </div>
            );
          case 'text':
            return (
              <p key={i} className={block.emphasis ? 'doc-text is-emphasis' : 'doc-text'}>
                {block.text}
              </p>
            );
          case 'qr':
            return (
              <div key={i} className="doc-qr">
                <QrCode value={block.value} />
                <div className="doc-qr-caption">{block.caption}</div>
              </div>
            );
          case 'signatures':
            return (
              <div key={i} className="doc-signatures">
                {block.labels.map((label) => (
                  <div key={label} className="doc-signature">
                    <span>{label}：</span>
                    <span className="doc-signature-line" />
                    <span className="doc-signature-date">{'年\u3000\u3000月\u3000\u3000日'}</span>
                  </div>
                ))}
              </div>
            );
          default:
            return null;
        }
      })}
    </>
  );
}
